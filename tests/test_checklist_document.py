"""HYGIENE.md round trip: answers, notes and edits survive regeneration; items match by identity."""
from __future__ import annotations

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hygiene.checklist import document, rendering
from hygiene.checklist.answers import judge
from hygiene.checklist.items import Item
from hygiene.config import ChecklistConfig
from hygiene.finding import Severity

CONFIG = ChecklistConfig()
REAL = "The seed is fixed to 1234 in config.yaml and logged in every results file."


def item(ident: str, *, fallback: tuple[str, ...] = (), answer: str = "", title: str = "") -> Item:
    return Item(id=ident, kind="finding", title=title or f"RULE001 in `x.py:1` ({ident})",
                question=f"What about {ident}?", severity=Severity.WARNING, fallback=fallback,
                rule="RULE001", path="x.py", answer=answer, detail=f"message of {ident}")


def regenerate(text: str, items: list[Item]) -> tuple[str, list[Item]]:
    merged = document.merge(items, document.parse(text))
    for i in merged:
        i.required = not i.resolved
        i.verdict = judge(i.answer, [i.question], CONFIG.min_words) if not i.resolved else ""
    return rendering.render(merged, document.parse(text), CONFIG), merged


def answers_of(text: str) -> dict[str, str]:
    return {p.id: (p.answer or "") for p in document.parse(text).items}


def put_answer(text: str, ident: str, answer: str) -> str:
    """What a person does in an editor: write between the answer markers of an item."""
    marker = f"<!-- hygiene:answer {ident} -->"
    assert marker in text
    return text.replace(marker, marker + "\n" + answer, 1)


def test_a_fresh_file_has_every_item_and_empty_answers():
    text, _ = regenerate("", [item("a"), item("b")])
    assert answers_of(text) == {"a": "", "b": ""}
    assert "## Open questions (2)" in text
    assert "0 of 2 required questions answered" in text


def test_answers_survive_regeneration_and_move_to_answered():
    text, _ = regenerate("", [item("a"), item("b")])
    text = put_answer(text, "a", REAL)
    again, merged = regenerate(text, [item("a"), item("b")])
    assert answers_of(again)["a"] == REAL
    assert [i.status for i in merged] == ["answered", "open"]
    assert "## Answered (1)" in again and "1 of 2 required questions answered" in again
    assert regenerate(again, [item("a"), item("b")])[0] == again  # stable: a second run changes nothing


def test_a_finding_that_disappears_moves_to_resolved_with_its_answer():
    text, _ = regenerate("", [item("a"), item("b")])
    text = put_answer(text, "a", REAL)
    again, merged = regenerate(text, [item("b")])
    assert "## Resolved (1)" in again and REAL in again
    resolved = [i for i in merged if i.resolved]
    assert [i.id for i in resolved] == ["a"] and resolved[0].title.startswith("RULE001")
    # It comes back, answered, when the finding returns.
    back, merged = regenerate(again, [item("a"), item("b")])
    assert "## Resolved" not in back and answers_of(back)["a"] == REAL


def test_an_unanswered_item_that_disappears_is_simply_gone():
    text, _ = regenerate("", [item("a"), item("b")])
    again, _ = regenerate(text, [item("b")])
    assert "hygiene:item a " not in again and "## Resolved" not in again


def test_fallback_keys_match_a_renamed_file_in_order():
    old = [item("a1", fallback=("k1", "x")), item("a2", fallback=("k1", "y"))]
    text, _ = regenerate("", old)
    text = put_answer(put_answer(text, "a1", REAL + " one"), "a2", REAL + " two")
    new = [item("b1", fallback=("k1", "x")), item("b2", fallback=("k1", "y"))]
    again, merged = regenerate(text, new)
    assert answers_of(again) == {"b1": REAL + " one", "b2": REAL + " two"}
    # A second-level key is used only when the first matches nothing.
    new = [item("c1", fallback=("zz", "y"))]
    again, _ = regenerate(text, new)
    assert answers_of(again)["c1"] == REAL + " two"


def test_text_outside_answer_blocks_is_kept_where_it_was_written():
    text, _ = regenerate("", [item("a"), item("b")])
    text = "Notes on top, above everything.\n\n" + text
    text = text.replace("<!-- hygiene:/head -->", "<!-- hygiene:/head -->\n\nA note under the head.", 1)
    text = text.replace("<!-- hygiene:/answer -->", "<!-- hygiene:/answer -->\n\nA note about item a.", 1)
    again, _ = regenerate(text, [item("b"), item("a")])
    assert again.index("Notes on top") < again.index("hygiene:head")
    assert again.index("hygiene:/head") < again.index("A note under the head.") < again.index("hygiene:section")
    assert again.index("hygiene:item a ") < again.index("A note about item a.") < again.index("hygiene:item b ")
    # The note moves with its item when the item changes section.
    answered = put_answer(again, "a", REAL)
    final, _ = regenerate(answered, [item("a"), item("b")])
    assert final.index("## Answered") < final.index("hygiene:item a ") < final.index("A note about item a.")


def test_edits_inside_generated_text_are_kept_as_a_note():
    text, _ = regenerate("", [item("a")])
    text = text.replace("**Question:** What about a?", "**Question:** What about a?\nI think this is wrong because X.")
    text = text.replace("# Research hygiene checklist", "# Research hygiene checklist\nOur team reads this weekly.")
    again, _ = regenerate(text, [item("a")])
    assert "I think this is wrong because X." in again and "Our team reads this weekly." in again
    assert document.EDITED_NOTE in again
    assert regenerate(again, [item("a")])[0] == again  # kept once, not again on every run


def test_deleted_markers_lose_nothing():
    text, _ = regenerate("", [item("a"), item("b")])
    text = put_answer(put_answer(text, "a", REAL), "b", "My answer to b, which is long enough to count here.")
    broken = text.replace("<!-- hygiene:/answer -->\n", "", 1)  # a's closing marker gone
    again, _ = regenerate(broken, [item("a"), item("b")])
    assert REAL in again and "My answer to b" in again
    broken = text.replace("<!-- hygiene:answer b -->\n", "", 1)  # b's opening marker gone
    again, _ = regenerate(broken, [item("a"), item("b")])
    assert REAL in again and "My answer to b" in again


def test_a_copied_item_keeps_both_answers():
    text, _ = regenerate("", [item("a")])
    text = put_answer(text, "a", REAL)
    start = text.index("<!-- hygiene:item a ")
    block = text[start:]
    doubled = text + "\n" + block.replace(REAL, "A second opinion written into the copy of the item.")
    again, _ = regenerate(doubled, [item("a")])
    assert REAL in again and "A second opinion written into the copy" in again
    assert again.count("<!-- hygiene:item a ") == 1


def test_a_file_hygiene_did_not_write_is_kept_on_top():
    mine = "# Our own hygiene notes\n\nWe check the seeds by hand.\n"
    again, _ = regenerate(mine, [item("a")])
    assert again.startswith(mine.strip())
    assert "hygiene:item a " in again


def test_crlf_files_parse():
    text, _ = regenerate("", [item("a")])
    text = put_answer(text, "a", REAL).replace("\n", "\r\n")
    assert answers_of(text)["a"] == REAL


def test_code_with_backticks_gets_a_longer_fence():
    it = item("a")
    from hygiene.checklist.items import Excerpt
    it.excerpt = Excerpt("x.py", ((1, 'doc = """```python"""', True),))
    text, _ = regenerate("", [it])
    assert "````python" in text


# -- properties ------------------------------------------------------------------------------------
ids = st.text(alphabet=string.ascii_lowercase + string.digits, min_size=4, max_size=8)
# Answers people write: markdown, code fences, HTML, unicode, blank lines; and, adversarially,
# lines that look like hygiene's own markers.
answer_lines = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60),
    st.sampled_from(["```python", "```", "- a list item", "> quoted", "### heading", "<details>", "|a|b|",
                     "**Question:** not really", "**Your answer** (mine)", "", "<!-- a comment -->"]),
)
answers = st.lists(answer_lines, min_size=1, max_size=6).map("\n".join).filter(lambda a: a.strip())


def _normal(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.replace("\r", "\n").split("\n")).strip("\n")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    names=st.lists(ids, min_size=1, max_size=6, unique=True),
    written=st.data(),
)
def test_random_answers_and_item_churn_never_lose_an_answer(names, written):
    items = [item(n, fallback=(f"f{n}",)) for n in names]
    text, _ = regenerate("", items)
    given_answers: dict[str, str] = {}
    for name in names:
        if written.draw(st.booleans()):
            answer = written.draw(answers)
            # Marker lines are hygiene's syntax: an answer that *is* one is out of scope.
            if any(document.MARKER.match(line) for line in answer.split("\n")):
                continue
            given_answers[name] = answer
            text = put_answer(text, name, answer)
    # The next scan: some items gone, some new, some renamed (found by their fallback key), reordered.
    kept = written.draw(st.lists(st.sampled_from(names), unique=True)) if names else []
    renamed = {n: written.draw(st.booleans()) for n in kept}
    new_items = [item(f"r{n}" if renamed[n] else n, fallback=(f"f{n}",)) for n in kept]
    new_items += [item(f"new{i}") for i in range(written.draw(st.integers(0, 2)))]
    new_items = written.draw(st.permutations(new_items))
    again, merged = regenerate(text, new_items)
    third, _ = regenerate(again, list(new_items))
    for final in (again, third):
        for name, answer in given_answers.items():
            assert _normal(answer) in _normal(final), f"answer of {name} lost"
    # Answers stay attached to the same item (or its renamed self, or its resolved self).
    found = answers_of(third)
    for name, answer in given_answers.items():
        owner = f"r{name}" if renamed.get(name) else name
        assert _normal(found.get(owner, "")) == _normal(answer)

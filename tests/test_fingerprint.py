"""Finding identities: what reformatting, moves and duplicates do (and do not) change."""
from __future__ import annotations

import dataclasses
import textwrap
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
import libcst as cst

from hygiene.config import load
from hygiene.finding import Finding, Severity, mask_positions, normalise_code, number_duplicates
from hygiene.rule import Rule
from hygiene.runner import scan


def finding(snippet: str, path: str = "train.py", context: str = "main", line: int = 3, **kw) -> Finding:
    return Finding(rule="SEED001", category="SEED-UNSEEDED", severity=Severity.WARNING, message="m",
                   path=path, line=line, snippet=snippet, context=context, **kw)


REFORMATTED = [
    ("random.sample(items, 400)", 'random.sample(\n    items,\n    400,\n)'),
    ("x = f('a', b)", 'x = f("a", b)'),
    ("x = f('a', b)", "x = f(  'a' ,b )  # a comment"),
    ("return (a + b)", "return a + b"),
    ("if (ready and ok): pass", "if ready and ok: pass"),
    ("y = f\"{x}\"", "y = f'{x}'"),
    ("[1, 2, 3,]", "[1, 2, 3]"),
    ("random.random()", "(random.random())"),  # found by the code-edit property test
]


def test_formatting_does_not_change_the_identity():
    for before, after in REFORMATTED:
        assert normalise_code(before) == normalise_code(after), (before, after)
        assert finding(before).fingerprint == finding(after).fingerprint


def test_real_changes_do_change_it():
    assert normalise_code("f(a, b)") != normalise_code("f(b, a)")
    assert normalise_code("f('a')") != normalise_code("f('b')")
    assert normalise_code("f(x)") != normalise_code("fx")  # a call bracket is kept


def test_fragments_that_do_not_tokenize_still_normalise():
    assert normalise_code("%timeit f( x )") == normalise_code("%timeit f(x)")


def test_line_numbers_and_folders_are_not_part_of_it_but_file_name_and_scope_are():
    base = finding("random.sample(items, 400)")
    assert dataclasses.replace(base, line=90, column=4).fingerprint == base.fingerprint
    assert dataclasses.replace(base, path="src/exp/train.py").fingerprint == base.fingerprint
    assert dataclasses.replace(base, path="eval.py").fingerprint != base.fingerprint
    assert dataclasses.replace(base, context="other").fingerprint != base.fingerprint


def test_fallbacks_find_renamed_files_and_moved_code():
    base = finding("random.sample(items, 400)")
    renamed = dataclasses.replace(base, path="training.py")
    moved = dataclasses.replace(base, context="helper")
    both = dataclasses.replace(base, path="training.py", context="helper")
    assert base.fallback_fingerprints()[0] == renamed.fallback_fingerprints()[0]
    assert base.fallback_fingerprints()[1] == moved.fallback_fingerprints()[1]
    assert base.fallback_fingerprints()[2] == both.fallback_fingerprints()[2]


def test_messages_without_code_lose_their_positions():
    assert mask_positions("fit at train.py:31 before the split at prep.py:12:4, line 7, cell 3") == \
        "fit at train.py# before the split at prep.py#, line#, cell#"
    a = Finding("R001", "X-Y", Severity.INFO, "stale: train.py:31 changed after results.json", "results.json")
    b = dataclasses.replace(a, message="stale: train.py:35 changed after results.json")
    assert a.fingerprint == b.fingerprint


def test_identical_findings_in_one_scope_are_numbered_in_order():
    first, second = finding("random.random()", line=3), finding("random.random()", line=9)
    numbered = number_duplicates([first, second])
    assert numbered[0].fingerprint == first.fingerprint  # the first keeps its identity
    assert numbered[1].fingerprint != numbered[0].fingerprint
    assert numbered[1].fingerprint.startswith(first.fingerprint)
    assert Finding.from_dict(numbered[1].to_dict()).fingerprint == numbered[1].fingerprint


def _scan(root: Path) -> list[Finding]:
    return scan(load(root), jobs=1, use_cache=False).findings


def test_a_rule_reporting_from_finish_still_records_the_enclosing_function(tmp_path):
    # (The SEED rules report one draw per file, from the repo phase: two programs, two findings;
    # draws of two files that one program runs would be one finding, hygiene.grouping.)
    (tmp_path / "runner.py").write_text(textwrap.dedent("""
        import random

        class Runner:
            def main(self):
                return random.sample(range(10), 3)

        if __name__ == "__main__":
            print(accuracy(Runner().main()))
    """))
    (tmp_path / "train.py").write_text(textwrap.dedent("""
        import random
        import numpy as np

        np.random.seed(0)  # seeds numpy, not random: not one of the folder's scripts that seed nothing

        def other():
            return random.sample(range(10), 3)

        print(accuracy(other()))
    """))
    contexts = sorted(f.context for f in _scan(tmp_path))
    assert contexts == ["Runner.main", "other"]


class _EveryCallOfF(Rule):
    """A rule of the test's own: one finding per call of `f`, on short identical lines that no grouping folds."""
    code = "TST901"
    category = "DATA-SWALLOW"
    message = "`f` called"

    def visit_Call(self, node: cst.Call) -> None:
        if isinstance(node.func, cst.Name) and node.func.value == "f":
            self.report(node)


def test_two_identical_lines_in_one_function_are_two_identities_through_the_runner(tmp_path):
    (tmp_path / "train.py").write_text("def main():\n    a = f(1)\n    a = f(1)\nmain()\n")
    found = [f for f in scan(load(tmp_path), jobs=1, use_cache=False, rules=[_EveryCallOfF]).findings if f.rule == "TST901"]
    assert len(found) == 2 and len({f.fingerprint for f in found}) == 2


# Formatting a formatter might apply, as random edits of one call.
@settings(max_examples=80, deadline=None)
@given(
    args=st.lists(st.sampled_from(["x", "'a'", "3", "k=2", "items[0]", "f(y)"]), min_size=1, max_size=4),
    spaces=st.lists(st.sampled_from(["", " ", "  ", "\n    ", "\n"]), min_size=8, max_size=8),
    trailing=st.booleans(), wrap=st.booleans(), double=st.booleans(), comment=st.booleans(),
)
def test_property_reformatting_a_call_keeps_its_identity(args, spaces, trailing, wrap, double, comment):
    plain = f"value = random.sample({', '.join(args)})"
    parts = [spaces[i % len(spaces)] + a for i, a in enumerate(args)]
    body = ",".join(parts) + ("," if trailing else "") + spaces[-1]
    call = f"random.sample({body})"
    if double:
        call = call.replace("'", '"')
    text = f"value = ({call})" if wrap else f"value = {call}"
    if comment:
        text = text.replace("(", "(  # why\n", 1)
    assert normalise_code(text) == normalise_code(plain)

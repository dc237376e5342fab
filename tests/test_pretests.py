"""Per-rule pre-tests (issue 12): `triggers` (text) and `requires` (words) skip a rule on a file
that cannot give it its shape; they must never skip a file a rule finds something in."""
from __future__ import annotations

import textwrap

import pytest

from hygiene.config import Config
from hygiene.discovery import discover, package_dirs
from hygiene.parsing import notebook as notebook_parsing
from hygiene.rule import Rule, valid
from hygiene.ruleset import load_rules
from hygiene.pretest import Pretext, applicable_rules, passes_pretest
from hygiene.runner import FileResult, _check_code

RULES = load_rules([])
PRETESTED = [r for r in RULES if r.triggers or r.requires]


def _code_text(path: str, text: str) -> str | None:
    """The text a file's rules are chosen by: a notebook's joined code, a Python file's text."""
    if path.endswith(".ipynb"):
        try:
            return notebook_parsing.load(text.encode("utf-8")).text
        except Exception:  # a broken notebook is an example of its own
            return None
    return text if path.endswith(".py") else None


@pytest.mark.parametrize("rule", PRETESTED, ids=lambda r: r.code)
def test_no_positive_example_loses_anything_to_its_rules_pretest(rule: type[Rule], tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Every code file of every invalid example either passes the rule's pre-test, or gives the rule
    nothing when checked without it: no finding and no fact (a file the repository phase reports on
    from other files' facts, as LEAK003 does, need not pass)."""
    from hygiene import runner

    for number, example in enumerate(rule.examples):
        if example.valid:
            continue
        files = dict(example.files)
        files.update({p: t for p, t in example.uncommitted if t is not None})
        for path, content in sorted(files.items()):
            text = _code_text(path, content)
            if text is None or passes_pretest(rule, text):
                continue
            root = tmp_path / f"{number}"
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            (root / path).write_text(content)
            config = Config(root=root)
            source = next(s for s in discover(config, None) if s.path == path)
            given = text if source.kind == "python" else content
            alone = FileResult(path, source.kind, "")
            _check_code(source, given, config, [], package_dirs([source]), alone)  # the engine's facts only
            result = FileResult(path, source.kind, "")
            with monkeypatch.context() as patched:
                patched.setattr(runner, "applicable_rules", lambda rules, kind, text: [r for r in rules if kind in r.kinds])
                _check_code(source, given, config, [rule], package_dirs([source]), result)
            assert not result.findings, (rule.code, path, example.note)
            assert result.facts == alone.facts, (rule.code, path, example.note, sorted(set(result.facts) - set(alone.facts)))


def test_requires_are_words() -> None:
    """A declared name is one word: a name with a dot or a space never is one of the text's words."""
    import re

    for rule in RULES:
        for name in rule.requires:
            assert re.fullmatch(r"\w+", name), (rule.code, name)


def test_requires_match_whole_words_only() -> None:
    class Needs(Rule):
        code = "TEST901"
        requires = frozenset({"listdir"})

    def passes(text: str) -> bool:
        return passes_pretest(Needs, text)

    assert passes("files = os.listdir(d)\n")
    assert passes("x = [f for f in listdir(d)]\n")
    assert not passes("files = os.my_listdir(d)\n")  # a longer word holding it is another name
    assert not passes("files = os.walk(d)\n")


def test_a_rule_without_a_pretest_still_runs(tmp_path) -> None:  # type: ignore[no-untyped-def]
    class Plain(Rule):
        code = "TEST902"
        message = "seen"
        examples = [valid("x = 1\n")]

        def visit_Module(self, node) -> None:  # type: ignore[no-untyped-def]
            self.report(node)

    class Needs(Plain):
        code = "TEST903"
        requires = frozenset({"never_in_this_file"})

    text = textwrap.dedent("""\
        import os
        x = 1
    """)
    (tmp_path / "lib.py").write_text(text)
    config = Config(root=tmp_path)
    sources = list(discover(config, None))
    assert applicable_rules([Plain, Needs], "python", text) == [Plain]
    result = FileResult(sources[0].path, sources[0].kind, "")
    _check_code(sources[0], text, config, [Plain, Needs], package_dirs(sources), result)
    assert [f.rule for f in result.findings] == ["TEST902"]


def test_word_triggers_are_searched_for_among_the_words() -> None:
    """A trigger of word characters is searched for in the distinct words, anything else in the
    text; the answer is the text's (`trigger in text`) either way."""
    text = "x = my_listdir(d)  # do_sample\nif a and b:\n    pass\n"
    pre = Pretext(text)
    for part in ("listdir", "my_list", "sample", "do_sample", " if ", "if a", "a and", "dir(", "absent", "_", "pass",
                 "ample\nif", "x = my"):
        assert pre.has(part) is (part in text), part


def test_the_word_set_is_built_once_per_file(monkeypatch) -> None:
    from hygiene import pretest

    built: list[str] = []
    original = pretest.text_words

    def counting(text: str) -> frozenset[str]:
        built.append(text)
        return original(text)

    monkeypatch.setattr(pretest, "text_words", counting)

    class Needs(Rule):
        code = "TEST904"
        requires = frozenset({"listdir"})

    class Triggered(Rule):
        code = "TEST905"
        triggers = ("listdir", "glob")

    assert pretest.applicable_rules([Needs, Triggered], "python", "import os\n") == []
    assert pretest.applicable_rules([Needs, Triggered, Needs], "python", "os.listdir(d)\n") == [Needs, Triggered, Needs]
    assert len(built) == 2  # once per file, however many rules ask

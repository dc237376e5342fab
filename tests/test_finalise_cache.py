"""The end of a scan's repository-wide answers, kept across scans (hygiene.cache.finalise): the
periphery's references and the reporting filter's programs. A focused scan after an edit that
changes what they read (an import added or removed, a program added) reports what a cold scan of
the edited tree reports, and an unchanged tree reads no file's text again."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from hygiene.analysis import periphery
from hygiene.config import Config
from hygiene.runner import scan
from tests.test_periphery import DROPOUT_LINE, MODEL
from tests.test_reporting_filter import _LEAKY


def _write(root: Path, files: dict[str, str | None]) -> None:
    for rel, text in files.items():
        if text is None:
            (root / rel).unlink()
            continue
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(textwrap.dedent(text).lstrip() if text.startswith("\n") else text)


def _about(result, path: str) -> list[tuple]:
    return sorted((f.rule, f.path, f.line, f.message, bool(f.extra.get("ask")), f.extra.get("outside_reporting"))
                  for f in [*result.findings, *result.questions] if f.path == path)


def _same_as_cold(root: Path, path: str) -> list[tuple]:
    focused = scan(Config(root=root), focus=[root / path], jobs=1)
    cold = scan(Config(root=root), jobs=1, use_cache=False)
    assert _about(focused, path) == _about(cold, path)
    return _about(focused, path)


TWO_MODELS = MODEL.format(name="Unused") + "\n\n" + MODEL.format(name="Used").split("\n\n\n", 1)[1]


def test_a_focused_scan_after_an_edit_of_the_references_reports_what_a_cold_scan_does(tmp_path: Path):
    _write(tmp_path, {"model.py": TWO_MODELS, "train.py": "from model import Used\nnet = Used()\n"})
    scan(Config(root=tmp_path), jobs=1)  # the cache is warm
    asked = [f for f in _same_as_cold(tmp_path, "model.py") if f[0] == "EVAL025" and f[4]]
    assert [f[2] for f in asked] == [DROPOUT_LINE]  # `Unused` asks
    # an import added: `Unused` is referred to now
    _write(tmp_path, {"train.py": "from model import Used, Unused\nnet = Used()\nother = Unused()\n"})
    assert not [f for f in _same_as_cold(tmp_path, "model.py") if f[0] == "EVAL025" and f[4]]
    # every import of the module removed: a module nothing imports is used from outside
    _write(tmp_path, {"train.py": "print('no model here')\n"})
    assert not [f for f in _same_as_cold(tmp_path, "model.py") if f[0] == "EVAL025" and f[4]]
    # the import back, in a new file, and the old one gone
    _write(tmp_path, {"train.py": None, "run.py": "import model\nnet = model.Used()\n"})
    assert [f[2] for f in _same_as_cold(tmp_path, "model.py") if f[0] == "EVAL025" and f[4]] == [DROPOUT_LINE]


def test_an_unchanged_tree_reads_no_file_for_the_references(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    _write(tmp_path, {"model.py": TWO_MODELS, "train.py": "from model import Used\nnet = Used()\n"})
    first = scan(Config(root=tmp_path), jobs=1)
    read: list[str] = []
    real = periphery._occurring
    monkeypatch.setattr(periphery, "_occurring", lambda text, path, *a: read.append(path) or real(text, path, *a))
    again = scan(Config(root=tmp_path), jobs=1)
    assert _about(again, "model.py") == _about(first, "model.py")
    assert read == ["model.py"]  # the file holding the definitions: its lines matter, so it is searched again
    # an edit: that file only is read again
    _write(tmp_path, {"train.py": "from model import Used\nnet = Used()\nprint(net)\n"})
    read.clear()
    scan(Config(root=tmp_path), jobs=1)
    assert sorted(read) == ["model.py", "train.py"]


DEMO = textwrap.dedent(_LEAKY) + textwrap.dedent("""
    model = LogisticRegression().fit(X_train, y_train)
    print(model.coef_)
""")
SCORES_THE_DEMO = """
    from sklearn.metrics import accuracy_score
    import demo

    if __name__ == "__main__":
        print(accuracy_score(demo.y_test, demo.model.predict(demo.X_test)))
"""


def test_a_focused_scan_after_a_program_is_added_or_removed_reports_what_a_cold_scan_does(tmp_path: Path):
    _write(tmp_path, {"demo.py": DEMO})
    scan(Config(root=tmp_path), jobs=1)
    # only a demo runs the leaky split: a question
    assert [f[5] for f in _same_as_cold(tmp_path, "demo.py") if f[0] == "LEAK001"] == ["demo"]
    # a program that imports it and scores its model: the demo is no program of its own any more
    _write(tmp_path, {"evaluate.py": SCORES_THE_DEMO})
    assert [f[4] for f in _same_as_cold(tmp_path, "demo.py") if f[0] == "LEAK001"] == [False]
    # ...and that import removed again (an edit of the other program, not of the file with the finding)
    _write(tmp_path, {"evaluate.py": SCORES_THE_DEMO.replace("import demo", "import data as demo")})
    assert [f[5] for f in _same_as_cold(tmp_path, "demo.py") if f[0] == "LEAK001"] == ["demo"]

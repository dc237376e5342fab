"""The cache is keyed by the engine's source: an edit to any analysis module or rule must change it
(regression: after hygiene/cache/ became a package the fingerprint hashed only that package, so
rule and analysis edits replayed results the old code wrote)."""
from __future__ import annotations

from pathlib import Path

import hygiene
from hygiene import cache


def test_the_fingerprint_covers_the_analyses_the_rules_and_the_core():
    covered = {p.resolve() for p in cache.engine_sources()}
    package = Path(hygiene.__file__).resolve().parent
    assert package / "analysis" / "purpose.py" in covered
    assert package / "runner.py" in covered
    rules = package.parent / "rules"
    assert any(p.is_relative_to(rules) and p.name.startswith("SEED001") for p in covered)


def test_an_edit_to_an_analysis_module_changes_the_fingerprint(monkeypatch, tmp_path):
    sources = cache.engine_sources()
    copies = []
    for path in sources[:5] + [p for p in sources if p.name == "purpose.py"]:
        copy = tmp_path / path.name
        copy.write_bytes(path.read_bytes())
        copies.append(copy)
    monkeypatch.setattr(cache, "engine_sources", lambda: copies)
    monkeypatch.setattr(cache, "_engine", [])
    monkeypatch.setattr(cache, "__file__", str(tmp_path / "x" / "y" / "__init__.py"))
    before = cache.engine_fingerprint()
    copies[-1].write_text(copies[-1].read_text() + "\n# edited\n")
    monkeypatch.setattr(cache, "_engine", [])
    assert cache.engine_fingerprint() != before

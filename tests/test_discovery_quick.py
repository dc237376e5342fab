"""Discovery's one search over all ignore patterns (hygiene.discovery._quick) answers as pathspec's
pattern by pattern matching does, for files and folders, with negations and anchors."""
from __future__ import annotations

import itertools

import pathspec
import pytest

from hygiene.config import DEFAULT_EXCLUDES
from hygiene.discovery import _matches

PATTERNS = [
    list(DEFAULT_EXCLUDES) + [".hygiene_cache/", "/HYGIENE.md"],
    ["*.pyc", "!keep.pyc", "/build/", "data/**/raw/", "logs", "*.ipynb_checkpoints*"],
    ["*", "!*/", "!*.py"],
    ["docs/*.md", "!docs/index.md", "a?c.py", "[ab]*.json", "**/tmp/**"],
    [],
]
PATHS = ["train.py", "src/model.py", "keep.pyc", "x.pyc", "build/out.py", "sub/build/out.py", "data/a/raw/x.csv",
         "logs", "logs/run.json", "docs/intro.md", "docs/index.md", "abc.py", "adc.py", "b1.json", "c1.json",
         "q/tmp/r/s.py", ".git/config", "venv/lib/x.py", "env.py", "notes/.ipynb_checkpoints/n.ipynb",
         "HYGIENE.md", "sub/HYGIENE.md", ".hygiene_cache/files/x.json", "a/b/c/d/e.py", "node_modules/m.js"]


def _slow(spec: pathspec.PathSpec, probe: str, is_dir: bool) -> bool:
    if not is_dir:
        return spec.match_file(probe)
    ignored = False
    for pattern in spec.patterns:
        if pattern.include is not None and pattern.match_file(probe) is not None:
            ignored = pattern.include
    return ignored


@pytest.mark.parametrize("lines", PATTERNS)
def test_the_joined_search_answers_as_each_pattern_does(lines):
    for path, is_dir in itertools.product(PATHS, (False, True)):
        probe = path + "/" if is_dir else path
        fresh = pathspec.GitIgnoreSpec.from_lines(lines)
        assert _matches(fresh, probe, is_dir) == _slow(fresh, probe, is_dir), (lines, probe)

"""`hygiene init`: a starter `[tool.hygiene]` section, and the snippets for the other two places
hygiene runs (pre-commit and GitHub Actions)."""
from __future__ import annotations

from pathlib import Path

from hygiene import __version__
from hygiene.cache import write_atomic

STARTER = """
[tool.hygiene]
# Everything is checked by default; narrow or widen here (codes, prefixes, categories, families).
# select = ["LEAK", "SEED", "DATA", "EVAL", "PROMPT", "RESULT"]
# ignore = []
# extend-exclude = ["scratch/"]          # .gitignore, virtualenvs and caches are always skipped
# per-file-ignores = { "notebooks/explore_*.ipynb" = ["SEED"] }
fail-on = "warning"                      # lowest severity that fails `hygiene check`

[tool.hygiene.checklist]
path = "HYGIENE.md"                      # the confusion checklist, answered by hand
require = "warning"                      # questions at or above this severity must be answered
min-words = 8                            # shorter answers do not count
"""

PRE_COMMIT = f"""# .pre-commit-config.yaml
repos:
  - repo: https://github.com/hygiene-dev/hygiene
    rev: v{__version__}
    hooks:
      - id: hygiene
"""


def workflow() -> str:
    example = Path(__file__).resolve().parent.parent / "data" / "workflow.yml"
    return example.read_text(encoding="utf-8")


def add_section(pyproject: Path) -> str:
    """Append the starter section to `pyproject` (created if missing). Returns what happened."""
    if pyproject.exists():
        text = pyproject.read_text(encoding="utf-8")
        if "[tool.hygiene]" in text or "[tool.hygiene." in text:
            return f"{pyproject.name} already has a [tool.hygiene] section; left as it is"
        write_atomic(pyproject, text.rstrip("\n") + "\n" + STARTER)
        return f"added a [tool.hygiene] section to {pyproject.name}"
    write_atomic(pyproject, STARTER.lstrip("\n"))
    return f"created {pyproject.name} with a [tool.hygiene] section"

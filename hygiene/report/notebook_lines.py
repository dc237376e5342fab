"""Where a notebook finding is in the raw .ipynb file, for the formats whose viewers show the JSON."""
from __future__ import annotations

from pathlib import Path


class NotebookLines:
    """Lines of the raw .ipynb file for notebook findings: GitHub and SARIF viewers show the raw
    JSON, where the joined-code line of the JSON report means nothing."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._maps: dict[str, dict[tuple[int, int], int]] = {}

    def line(self, path: str, cell: int | None, cell_line: int | None) -> int | None:
        if cell is None or cell_line is None:
            return None
        if path not in self._maps:
            from hygiene.parsing.notebook import raw_lines

            try:
                self._maps[path] = raw_lines((self.root / path).read_bytes())
            except OSError:
                self._maps[path] = {}
        return self._maps[path].get((cell, cell_line))

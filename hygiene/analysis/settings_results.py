"""Results kept as YAML or TOML (`results/eval.toml`, `runs/metrics.yaml`): the numbers of those the
code writes, profiled like a JSON document's leaves, for the rules that compare claims with results.

YAML and TOML are not scanned as data (most of them are configuration); one the code writes under a
results folder is a results file (hygiene.analysis.producers.is_result_target), read here on demand.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from hygiene.analysis.producers import RESULT_SUFFIXES, is_result_target, resolved_io, root_forms

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

if TYPE_CHECKING:
    from hygiene.context import RepoContext

# `accuracy: 0.9126`, `  f1: 87.5  # macro`: a YAML mapping entry holding a number.
_YAML_NUMBER = re.compile(r"^(\s*)([\w.-]+)\s*:\s*(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)\s*(?:#.*)?$")
_YAML_KEY = re.compile(r"^(\s*)([\w.-]+)\s*:\s*(?:#.*)?$")
MAX_BYTES = 1_000_000


def settings_results(repo: RepoContext) -> dict[str, dict[str, Any]]:
    """{path: a profile with `leaves` [[dotted key, number, line], ...]} for every YAML or TOML results
    file the code writes and the scan root holds."""
    def compute() -> dict[str, dict[str, Any]]:
        found: dict[str, dict[str, Any]] = {}
        for script, records in resolved_io(repo).items():
            for record in records:
                if record.get("mode") != "write" or not record.get("path"):
                    continue
                for path in root_forms(record["path"], script):
                    if "*" in path or path in found or path.lower().endswith(RESULT_SUFFIXES) or not is_result_target(path):
                        continue
                    try:
                        data = repo.read_bytes(path)
                    except (OSError, ValueError):
                        continue
                    leaves = _leaves(path, data[:MAX_BYTES].decode("utf-8", "replace"))
                    if leaves:
                        found[path] = {"rows": 1, "columns": {}, "leaves": leaves, "leaves_capped": False}
        return found
    return repo.shared("settings_results", compute)


def _leaves(path: str, text: str) -> list[list[Any]]:
    if path.lower().endswith(".toml"):
        try:
            document = tomllib.loads(text)
        except (tomllib.TOMLDecodeError, ValueError):
            return []
        lines = {m.group(1): i for i, line in enumerate(text.splitlines(), 1)
                 if (m := re.match(r"\s*([\w.-]+)\s*=", line))}
        return [[key, value, lines.get(key.rsplit(".", 1)[-1])] for key, value in _flatten(document, "")]
    leaves: list[list[Any]] = []
    parents: list[tuple[int, str]] = []
    for number, line in enumerate(text.splitlines(), 1):
        match = _YAML_NUMBER.match(line) or _YAML_KEY.match(line)
        if not match:
            continue
        indent = len(match.group(1))
        while parents and parents[-1][0] >= indent:
            parents.pop()
        key = ".".join([p for _, p in parents] + [match.group(2)])
        if match.re is _YAML_KEY:
            parents.append((indent, match.group(2)))
            continue
        value = float(match.group(3))
        leaves.append([key, int(value) if value.is_integer() and "." not in match.group(3) else value, number])
    return leaves


def _flatten(value: Any, prefix: str) -> list[tuple[str, Any]]:
    if isinstance(value, dict):
        return [item for key, inner in value.items() for item in _flatten(inner, f"{prefix}.{key}" if prefix else str(key))]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return [(prefix, value)]
    return []

"""A baseline: the findings a repository had when it adopted hygiene, so that only new ones fail.

`hygiene check --write-baseline FILE` records every current finding by its fingerprint (rule,
file name, enclosing scope and the code matched, never the line: moving or reformatting code
keeps a finding in the baseline); `--baseline FILE` or `baseline = "FILE"` in `[tool.hygiene]`
leaves those findings out of the report, the exit code and the checklist. The file is JSON,
sorted, one finding a line, so that its diff in review shows what was accepted.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from hygiene.cache import write_atomic
from hygiene.finding import Finding

if TYPE_CHECKING:
    from hygiene.runner import ScanResult

FORMAT = 1


class BaselineError(Exception):
    """A baseline file that is missing or unreadable: a usage error (exit 2)."""


def write(path: Path, findings: Iterable[Finding]) -> int:
    entries = sorted(({"fingerprint": f.fingerprint, "rule": f.rule, "path": f.path, "message": f.message}
                      for f in findings), key=lambda e: (e["path"], e["rule"], e["fingerprint"]))
    lines = ",\n".join("    " + json.dumps(e, ensure_ascii=False) for e in entries)
    text = ('{\n  "hygiene_baseline": %d,\n  "about": "Findings accepted when hygiene was adopted; only findings not '
            'listed here fail. Regenerate with `hygiene check --write-baseline FILE`.",\n  "findings": [\n%s\n  ]\n}\n'
            % (FORMAT, lines)) if entries else ('{\n  "hygiene_baseline": %d,\n  "findings": []\n}\n' % FORMAT)
    try:
        write_atomic(path, text)
    except OSError as exc:
        raise BaselineError(f"{path}: cannot write the baseline: {exc.strerror or exc}") from None
    return len(entries)


def load(path: Path) -> set[str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"{path}: no such baseline file; `hygiene check --write-baseline {path}` "
                            "writes one with today's findings") from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise BaselineError(f"{path}: not a baseline file hygiene wrote ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise BaselineError(f"{path}: not a baseline file hygiene wrote (no \"findings\" list)")
    return {str(e["fingerprint"]) for e in data["findings"] if isinstance(e, dict) and "fingerprint" in e}


def apply(result: ScanResult, option: Path | None = None, whole_repo: bool = True) -> None:
    """Leave the findings of the baseline (`option`, else `baseline` in the configuration) out of
    `result`; say when some of them are gone."""
    config = result.config
    if option is not None:
        path, shown = option, str(option)
    elif config.baseline:
        path, shown = config.root / config.baseline, config.baseline
    else:
        return
    accepted = load(path)
    # A group (hygiene.grouping) is in the baseline only when all its members are: a new program
    # with a baselined one's omission is reported, at the group's place, naming the new program.
    kept = [f for f in result.findings if f.fingerprint not in accepted
            or any(fp not in accepted for fp in f.extra.get("folded", ()))]
    # A finding folded into another program's (hygiene.grouping) is still there, not gone.
    folded = {fp for f in result.findings for fp in f.extra.get("folded", ())}
    matched = ({f.fingerprint for f in result.findings} | folded) & accepted
    result.stats["baselined"] = len(result.findings) - len(kept)
    result.findings = kept
    gone = len(accepted - matched)
    if gone and whole_repo:  # a partial scan cannot tell a fixed finding from one it did not read
        result.notes.append(f"{gone} finding{'s' if gone != 1 else ''} in {shown} {'is' if gone == 1 else 'are'} "
                            f"gone (fixed, or the code changed): `hygiene check --write-baseline {shown}` "
                            "shrinks the baseline")

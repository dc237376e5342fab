"""One decision, one finding: findings of several programs that one answer settles are grouped.

Some omissions are a habit rather than a slip: eleven standalone scripts of one folder that never
seed anything are one decision for the researcher (seed the scripts, or not), not eleven findings.
A rule says which of its findings belong together with `Rule.group_by(finding)` (by default
`finding.extra["group"]`, a key the rule sets where it knows the program facts). The runner groups
them here, after suppressions and per-file ignores and before the focus filter:

- findings with the same key, in the same folder (anywhere in the repository for a key that starts
  with "repository:"), of which some are findings and some checklist
  questions (`extra["ask"]`), form separate groups (a question and a finding are different answers);
- a group spans files: the findings of its first file (sorted path, after the rank its members give
  in `extra["anchor_rank"]`; with `--focus`, the first file in focus) stay as they are, and its
  first finding names how many other programs share the omission and lists them (also as related locations); the other files' findings are folded in;
- a group with members in one file only changes nothing; in a group that spans files, the anchor file's
  further members are folded into its first finding too (a course notebook that refits its fill and
  z-score in a second cell: the folder's one decision, held-out 13);
- a key that starts with "series" (`hygiene.analysis.results.series_key`: result files one program
  writes once per run, `output/<dataset>/<model>/<seed>/stats.json`) spans folders: the same
  finding in forty run folders is one question about the program that wrote them;
- a key "program:<entry>" (`hygiene.analysis.unseeded_draws`: unseeded draws in several files that
  one program runs) spans folders too: one seeding line at the start of `<entry>` settles them all,
  so they are one finding, at the program's own draw when it has one, naming the other files.

With `--focus`, a group is reported when any member is in focus, at a focused member; without
focus it is reported once, at the first program.
"""
from __future__ import annotations

import dataclasses
import posixpath
import re
from collections.abc import Callable, Hashable, Iterable
from typing import TYPE_CHECKING

from hygiene.finding import Finding, Location

if TYPE_CHECKING:
    from hygiene.rule import Rule

MAX_NAMED = 6
PROGRAM = "program:"  # a group key naming the program whose one seeding line settles its members
REPOSITORY = "repository:"  # a group key whose members are one decision wherever they are in the repository
# The note on each other place of one habit (the same code again in one file), folded into the first.
HABIT_NOTE = "the same code again"


def group_findings(findings: list[Finding], rules: Iterable[type[Rule]],
                   in_focus: Callable[[str], bool] | None = None) -> list[Finding]:
    """`findings` with each group of several files reported once (see the module's doc)."""
    findings = _one_seeding_decision(_one_per_habit(_one_per_place(findings)))
    hooks = {r.code: r.group_by for r in rules}
    groups: dict[tuple, list[int]] = {}
    keys = {i: hooks[f.rule](f) if f.rule in hooks else None for i, f in enumerate(findings)}
    # A notebook that copies a script's loop (the same key, in a `notebooks/` folder) is the script's decision.
    script_scope: dict[tuple, str] = {}
    for index, finding in enumerate(findings):
        if keys[index] is not None and not finding.path.endswith(".ipynb"):
            script_scope.setdefault((keys[index], bool(finding.extra.get("ask"))), posixpath.dirname(finding.path))
    moved: set[int] = set()
    for index, finding in enumerate(findings):
        key = keys[index]
        if key is None:
            continue
        scope = "" if _series(key) or _program(key) or _repository(key) else posixpath.dirname(finding.path)
        if scope and finding.path.endswith(".ipynb") and (key, bool(finding.extra.get("ask"))) in script_scope:
            scope = script_scope[(key, bool(finding.extra.get("ask")))]
            moved.add(index)
        groups.setdefault((key, scope, bool(finding.extra.get("ask"))), []).append(index)
    replaced: dict[int, Finding] = {}
    dropped: set[int] = set()
    folded_into: dict[int, int] = {}
    # Program groups last: their anchor may be a finding another group already kept (the entry's own
    # draw, grouped with the folder's other scripts that seed nothing).
    for (key, _, asked), members in sorted(groups.items(), key=lambda kv: bool(_program(kv[0][0]))):
        entry = _program(key)
        home = None
        if entry:  # the program's own finding, or the finding it was folded into (its folder's group)
            home = next((folded_into.get(i, i) for i in range(len(findings)) if findings[i].path == entry
                         and i not in members and hooks.get(findings[i].rule) is not None
                         and hooks[findings[i].rule](findings[i]) is not None
                         and bool(findings[i].extra.get("ask")) == asked), None)
            if home is not None:
                members = [*members, home]
        paths = sorted({findings[i].path for i in members})
        if len(paths) < 2:
            continue
        focused = [p for p in paths if in_focus is None or in_focus(p)]
        # A member may say how good an anchor it is (`extra["anchor_rank"]`, lower first: the program
        # that trains and evaluates before one that only evaluates a checkpoint); else sorted path.
        ranks: dict[str, tuple] = {}  # a file's best member speaks for it (a scaler's cell, not a later fill's)
        for i in members:
            rank = (findings[i].extra.get("anchor_rank", 0), i in moved)
            ranks[findings[i].path] = min(ranks.get(findings[i].path, rank), rank)
        anchor_path = min(focused or paths, key=lambda p: (ranks.get(p, (0, False)), p))
        if home is not None and findings[home].path in focused:
            anchor_path = findings[home].path  # the program's own draw: where its seeding line goes
        own = sorted((i for i in members if findings[i].path == anchor_path),
                     key=lambda i: (findings[i].extra.get("anchor_rank", 0), findings[i].sort_key()))
        others = [i for i in members if findings[i].path != anchor_path]
        dropped.update(others)
        folded_into.update((i, own[0]) for i in others)
        replaced[own[0]] = _with_others(replaced.get(own[0], findings[own[0]]), [findings[i] for i in others],
                                        _series(key), entry, _repository(key))
        if len(own) > 1:  # the anchor program's own further members are the same decision (held-out 13)
            count = len(own) - 1
            said = (f"; the same {'once more' if count == 1 else f'{count} more times'} in this program (related)")
            replaced[own[0]] = _fold(replaced[own[0]], [findings[i] for i in own[1:]], said, "the same omission again")
            dropped.update(own[1:])
            folded_into.update((i, own[0]) for i in own[1:])
    return [replaced.get(i, f) for i, f in enumerate(findings) if i not in dropped]


def _one_per_place(findings: list[Finding]) -> list[Finding]:
    """Findings of one rule at one line that one answer settles (`extra["place"]` set, e.g. one
    preprocessing fit that several programs split afterwards, each found from its own split) are one
    finding: the member with the lowest `extra["place_rank"]` stays, naming the others' places as
    related; a question and a finding stay apart."""
    places: dict[tuple, list[int]] = {}
    for index, finding in enumerate(findings):
        if finding.extra.get("place"):
            places.setdefault((finding.rule, finding.path, finding.line, bool(finding.extra.get("ask"))), []).append(index)
    dropped: set[int] = set()
    replaced: dict[int, Finding] = {}
    for members in places.values():
        if len(members) < 2:
            continue
        keep = min(members, key=lambda i: (findings[i].extra.get("place_rank", 0), findings[i].sort_key()))
        others = [findings[i] for i in members if i != keep]
        seen = {(r.path, r.line) for r in findings[keep].related}
        related = list(findings[keep].related)
        for other in others:
            for r in other.related[:1]:
                if (r.path, r.line) not in seen:
                    seen.add((r.path, r.line))
                    related.append(Location(r.path, r.line, f"{r.note} too" if r.note else "the same decision"))
        count = len(others)
        said = f"; found again from {'one other place' if count == 1 else f'{count} other places'} (related): one decision, one finding"
        extra = {**findings[keep].extra, "folded": [f.fingerprint for f in others]}
        replaced[keep] = dataclasses.replace(findings[keep], message=findings[keep].message + said,
                                             related=tuple(related), extra=extra)
        dropped.update(i for i in members if i != keep)
    if not dropped:
        return findings
    return [replaced.get(i, f) for i, f in enumerate(findings) if i not in dropped]


def _habit(snippet: str) -> str:
    """A finding's code with each name reduced to its last word and numbers dropped: `r2_score(y_train_pred3,
    y_train)` and `r2_score(y_train_pred, y_train)`, `confusion_matrix(svc_y_pred, y_test)` and
    `confusion_matrix(y_pred, y_test)` are one habit, and so are `roc_auc_score(y_test, logreg.predict(X_test))` and
    `roc_auc_score(y_test, rf.predict(X_test))`, and `roc_curve(y_val, clf.predict(x_val_encoded))` and the same
    on `y_test`, `x_test_encoded` (one mistake made on the validation and the test split)."""
    text = re.sub(r"\d+", "", " ".join(snippet.split()))
    # Whose method it is does not change the habit: `logreg.predict(X_test)`, `rf.predict(X_test)`.
    text = re.sub(r"(?<![\w.])[A-Za-z_]\w*\.(?=[A-Za-z_]\w*\()", ".", text)
    # Nor which split it is done on: `roc_curve(y_val, clf.predict(x_val))` and then on the test split.
    text = re.sub(r"(?i)(?<=_)(val|valid|validation|dev|test|eval)(?=_|\b)", "split", text)
    return re.sub(r"[A-Za-z_]\w*(?![\w(])", lambda m: m.group(0).strip("_").rsplit("_", 1)[-1] or m.group(0), text)


def _one_per_habit(findings: list[Finding]) -> list[Finding]:
    """Findings of one rule in one file on the same code, name for name (a notebook that repeats
    `r2_score(y_train_pred1, y_train)` for five models): one habit, one decision, one finding at
    the first, naming the others as related; a question and a finding stay apart."""
    habits: dict[tuple, list[int]] = {}
    for index, finding in enumerate(findings):
        snippet = finding.snippet or ""
        if len(snippet) >= 12 and finding.line is not None:
            habits.setdefault((finding.rule, finding.path, _habit(snippet), bool(finding.extra.get("ask"))), []).append(index)
    dropped: set[int] = set()
    replaced: dict[int, Finding] = {}
    for members in habits.values():
        if len(members) < 2 or len({findings[i].line for i in members}) < 2:
            continue
        members = sorted(members, key=lambda i: findings[i].sort_key())
        keep, others = members[0], [findings[i] for i in members[1:]]
        count = len(others)
        said = (f"; the same code {'once more' if count == 1 else f'{count} more times'} in this file (related): "
                "one habit, one decision, one finding")
        replaced[keep] = _fold(findings[keep], others, said, HABIT_NOTE)
        dropped.update(members[1:])
    if not dropped:
        return findings
    return [replaced.get(i, f) for i, f in enumerate(findings) if i not in dropped]


def _one_seeding_decision(findings: list[Finding]) -> list[Finding]:
    """Unseeded randomness of several kinds in one file (Python's `random` and an environment the file
    never seeds, beside numpy and torch it does seed) is one decision: seed everything the run draws
    from, at its start. A finding of one rule that no program-wide group holds folds into the file's
    first unseeded finding of another rule, which names it as related; questions stay apart."""
    firsts: dict[str, int] = {}
    for index, finding in sorted(enumerate(findings), key=lambda p: p[1].sort_key()):
        if finding.category == "SEED-UNSEEDED" and not finding.extra.get("ask"):
            firsts.setdefault(finding.path, index)
    dropped: set[int] = set()
    replaced: dict[int, Finding] = {}
    for index, finding in enumerate(findings):
        keep = firsts.get(finding.path)
        if keep is None or keep == index or finding.category != "SEED-UNSEEDED" or finding.extra.get("ask") \
                or finding.extra.get("group") or finding.rule == findings[keep].rule:
            continue
        said = f"; also unseeded in this file: {finding.message[:1].lower()}{finding.message[1:]} (related): one seeding decision, one finding"
        replaced[keep] = _fold(replaced.get(keep, findings[keep]), [finding], said, "also unseeded")
        dropped.add(index)
    if not dropped:
        return findings
    return [replaced.get(i, f) for i, f in enumerate(findings) if i not in dropped]


def _fold(anchor: Finding, others: list[Finding], said: str, note: str) -> Finding:
    """`anchor` standing for `others` too: its message says so, they are its related locations, and
    their fingerprints stay known (a baseline that holds one of them still matches)."""
    return dataclasses.replace(
        anchor, message=anchor.message + said, related=(*anchor.related, *(Location(o.path, o.line, note) for o in others)),
        extra={**anchor.extra, "folded": [*anchor.extra.get("folded", []), *(o.fingerprint for o in others)]})


def _series(key: Hashable) -> bool:
    return isinstance(key, tuple) and key[:1] == ("series",)


def _program(key: Hashable) -> str:
    """The entry point of a "program:<entry>" key: findings in several files, of any folder, that
    one seeding line in that program settles (hygiene.analysis.unseeded_draws)."""
    return key[len(PROGRAM):] if isinstance(key, str) and key.startswith(PROGRAM) else ""


def _repository(key: Hashable) -> bool:
    return isinstance(key, str) and key.startswith(REPOSITORY)


def _with_others(anchor: Finding, others: list[Finding], series: bool = False, program: str = "",
                 repository: bool = False) -> Finding:
    firsts: dict[str, Finding] = {}
    for f in sorted(others, key=Finding.sort_key):
        firsts.setdefault(f.path, f)
    names = list(firsts) if series or repository else [posixpath.basename(p) for p in firsts]
    shown = ", ".join(f"`{n}`" for n in names[:MAX_NAMED]) + (f" and {len(names) - MAX_NAMED} more" if len(names) > MAX_NAMED else "")
    count = len(firsts)
    if program:
        said = (f"; `{program}` also runs {'one other file' if count == 1 else f'{count} other files'} with unseeded "
                f"draws ({shown}): one seeding line at its start settles them all, one finding")
    elif series:
        said = (f"; the same in {'one other result file' if count == 1 else f'{count} other result files'} of "
                f"this series ({shown}): one decision, one finding")
    elif repository:  # draws in programs' own files or in modules they run: files, not all programs
        said = (f"; {'one other file' if count == 1 else f'{count} other files'} of this repository "
                f"{'shares' if count == 1 else 'share'} the omission ({shown}), and no program that runs "
                f"{'it' if count == 1 else 'them'} unseeded seeds anything: one decision, one finding")
    else:
        said = (f"; {'one other program' if count == 1 else f'{count} other programs'} of this folder "
                f"{'shares' if count == 1 else 'share'} the omission ({shown}): one decision, one finding")
    what = ("another unseeded draw of the same program" if program else
            "the same in another result file of the series" if series else "the same omission in another program")
    related = tuple(anchor.related) + tuple(Location(f.path, f.line, what) for f in firsts.values())
    # The identities of the folded findings: a baseline that holds one of them still knows it.
    extra = {**anchor.extra, "grouped": sorted(firsts), "folded": [f.fingerprint for f in others]}
    return dataclasses.replace(anchor, message=anchor.message + said, related=related, extra=extra)


def default_group_key(finding: Finding) -> Hashable | None:
    """The key a rule put in `extra["group"]` when it reported the finding, if any."""
    key = finding.extra.get("group")
    return key if isinstance(key, (str, int, tuple)) else None

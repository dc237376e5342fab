"""Findings of the SEED rules about unseeded draws: one per file, anchored at its first draw.

`hygiene.analysis.programs` says which program runs which draw and what it seeds. Here the draws become
findings the way a researcher decides about them: one seed question per file (seeding the program,
or passing a generator, settles every draw of the file at once), at the first draw, naming how
many more there are. A draw is a checklist question rather than a finding when no program that
runs it unseeded produces reported numbers: a builder of committed data, or an illustration (toy
data for a plot, see hygiene.analysis.purpose). A module's own `__main__` demo is not judged when another
program runs the same code seeded.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from hygiene.analysis.flag_guards import switched_off
from hygiene.analysis.programs import DrawSite, Place, locate, programs
from hygiene.analysis.purpose import named_for_figures
from hygiene.analysis.run_scripts import not_run
from hygiene.analysis.notebook_claims import unclaimed_notebook
from hygiene.analysis.seed_comments import (estimates_episodes, repeats_for_spread, resamples_for_estimate,
                                            seed_commented_out, seeded_again)
from hygiene.analysis.seed_evidence import REASONS, anchor_rank, evidence, named_for_demo
from hygiene.analysis.toy_draws import is_toy, toy_lines
from hygiene.grouping import PROGRAM, REPOSITORY

if TYPE_CHECKING:
    from hygiene.context import RepoContext

GENERATOR_NAMES = {"random": "Python's global `random` generator", "numpy": "numpy's global generator",
                   "torch": "torch's default generator"}
_SHORT = {"random": "`random`", "numpy": "numpy", "torch": "torch"}
ASK_REASONS = REASONS
# A file that estimates pass@k from several sampled completions per problem (Codex's unbiased estimator).
_PASS_AT_K = re.compile(r"\b(pass_at_k|estimate_pass_at_k|evaluate_functional_correctness|compute_pass_at_k)\s*\(")


def program_ask(uses: list[str]) -> str:
    """Why draws run by programs of these uses are a question, or "" when one of them reports."""
    if not uses or any(u not in ("data", "shows", "exports", "times") for u in uses):
        return ""
    if all(u == "times" for u in uses):
        return "timing"
    return uses[0] if all(u == uses[0] for u in uses) and uses[0] != "shows" else "illustration"


def _ask(repo: RepoContext, site: DrawSite, progs: Any) -> str:
    """Why `site` is a checklist question ("" for a finding): the evidence of its programs
    (hygiene.analysis.seed_evidence), or a seeding call its programs keep commented out."""
    ask = evidence(site, progs, not_run(repo, progs.entries))
    if not ask and ((named_for_figures(site.path) and site.path not in site.unseeded_by)
                    or named_for_figures(site.context.replace(".", "_") + ".py")):
        return "illustration"  # a projection drawn for a plot by a module (`visualizations.py`, `def plot_embeddings`)
    if not ask and site.gen in GENERATOR_NAMES and all(
            seed_commented_out(repo, site.gen, progs.visited.get(e, {e})) for e in site.unseeded_by):
        return "commented"  # the author commented the seed out: a choice to ask about
    if not ask and repeats_for_spread(repo, site.path):
        return "variance"  # the file repeats the unseeded run and reports the spread
    if not ask and (site.kind == "sklearn" or site.gen == "torch") and site.unseeded_by \
            and all(unclaimed_notebook(repo, e) for e in site.unseeded_by):
        # A notebook's unseeded split, model or torch training that seeds nothing and quotes no number: a
        # demonstration (textbook chapters, usage and course notebooks print one run's loss or accuracy).
        return "unclaimed"
    if not ask and site.kind == "sklearn" and site.code and seeded_again(repo, site.path, site.code):
        return "contrast"  # the same call made again with a `random_state`: a lesson on seeding
    if not ask and site.kind == "generate" and any(_PASS_AT_K.search(repo.read_bytes(p).decode("utf-8", "replace"))
                                                   for p in {site.path, *site.unseeded_by}):
        return "passk"  # several samples per problem for the unbiased pass@k estimator: sampling is the protocol
    if not ask and resamples_for_estimate(repo, site.path):
        return "bootstrap"  # many resamples whose percentiles or spread are kept: random on purpose
    if not ask and site.unseeded_by and all(estimates_episodes(repo, e) for e in site.unseeded_by):
        return "bootstrap"  # hundreds of random episodes averaged with their interval by every program that runs it
    return ask


def _unseeded(repo: RepoContext) -> list[DrawSite]:
    progs = programs(repo)
    found = []
    for site in progs.draws.values():
        entries = list(site.unseeded_by)
        if site.path in entries and any(e != site.path and site.gen in gens for e, gens in site.seeds_of.items()):
            entries.remove(site.path)  # the module's own demo; the programs that use it seed
        if site.context.rsplit(".", 1)[-1] in ("__call__", "__getitem__"):
            # A transform or a dataset's item run in DataLoader workers: PyTorch seeds each worker's
            # `random`, numpy and torch from torch's generator, which such a program seeds (the loader
            # may be built in a module the program runs: `get_solver(args)` in `train.py`).
            entries = [e for e in entries if not ("torch" in site.seeds_of.get(e, []) and any(
                progs.files[f].get("workers") for f in progs.visited.get(e, {e}) if f in progs.files))]
        if site.kind == "init":  # initial weights matter to a program that trains or measures the model
            entries = [e for e in entries if progs.uses.get(e) == "reports"]
        facts = progs.files[site.path]
        if entries == [site.path] and facts.get("main") and facts["module"] in progs.imported:
            continue  # reached only by the `__main__` demo of a module other programs import
        if not entries:
            continue
        # The program a finding names (and groups by) is the one whose numbers depend on the draw:
        # an experiment that reports before a demo notebook that runs the same module
        # (`main.py`, not `Score_SDE_demo.ipynb`), so both files' draws are one seeding decision.
        entries.sort(key=lambda e: (named_for_demo(e), anchor_rank(e, progs)))
        site.unseeded_by[:] = entries
        site.ask = _ask(repo, site, progs)
        site.rank = anchor_rank(entries[0], progs)
        site.more = []
        found.append(site)
    return found


def _runs_flagged(repo: RepoContext, site: DrawSite, line: int | None) -> bool:
    """Does a program still run `site` unseeded once the programs whose calls switch its block off
    (`multiscale=False`, `deterministic=True`; hygiene.analysis.flag_guards) are left out? The
    evidence is then that of the programs left."""
    progs = programs(repo)
    off = switched_off(repo, site.path, line, site.unseeded_by, progs.visited)
    if off:
        site.unseeded_by[:] = [e for e in site.unseeded_by if e not in off]
        if site.unseeded_by:
            site.ask = _ask(repo, site, progs)
    return bool(site.unseeded_by)


def _grouped(repo: RepoContext) -> list[tuple[DrawSite, Place]]:
    def build() -> list[tuple[DrawSite, Place]]:
        sites = _unseeded(repo)
        by_path: dict[str, set[int]] = {}
        for site in sites:
            by_path.setdefault(site.path, set()).add(site.ordinal)
        places = {path: locate(repo, path, ordinals) for path, ordinals in by_path.items()}
        # A draw behind an opt-in flag that no caller sets never runs (hygiene.analysis.flag_guards);
        # toy values that are only shown decide nothing (hygiene.analysis.toy_draws).
        toys = toy_lines(repo) if sites else {}
        sites = [s for s in sites if not is_toy(toys, s.path, places[s.path][s.ordinal].line)
                 and _runs_flagged(repo, s, places[s.path][s.ordinal].line)]
        firsts: dict[tuple[str, bool], DrawSite] = {}
        out = []
        for site in sorted(sites, key=lambda s: (s.path, s.ordinal)):
            place = places[site.path][site.ordinal]
            if place.line is None:
                continue
            key = (site.path, bool(site.ask))
            first = firsts.get(key)
            if first is None:
                firsts[key] = site
                out.append((site, place))
            else:
                first.more.append(site)
        # Weight initialisation is worth a finding only when it is a program's sole unseeded torch
        # randomness: seeding the program for its loader or split settles it too.
        covered = {e for site, _ in out if site.gen == "torch" and site.kind != "init" for e in site.unseeded_by}
        return [(site, place) for site, place in out
                if site.kind != "init" or any(m.kind != "init" for m in site.more)
                or not set(site.unseeded_by) <= covered]
    return repo.shared("seedfindings.groups", build)


def unseeded_draws(repo: RepoContext, kinds: set[str]) -> Iterator[tuple[DrawSite, Place]]:
    """The first unseeded draw of each file, when it is of one of `kinds` (the others are in `site.more`)."""
    for site, place in _grouped(repo):
        if site.kind in kinds:
            yield site, place


def who_runs(site: DrawSite) -> str:
    """"nothing in run.py seeds it" / "train.py, which runs it, never seeds it (it seeds torch)",
    and how many more unseeded draws the file has."""
    entry = site.unseeded_by[0]
    more = len(site.unseeded_by) - 1
    seeded = [_SHORT[g] for g in site.seeds_of.get(entry, []) if g in _SHORT]
    others = f" (it seeds only {' and '.join(seeded)})" if seeded and site.gen != "fresh" else ""
    also = "" if not more else " (nor does one other program)" if more == 1 else f" (nor do {more} other programs)"
    said = f"nothing in `{entry}` seeds it{others}{also}" if entry == site.path else \
        f"`{entry}`, which runs it, never seeds it{others}{also}"
    return said + more_draws(site)


def seeds_nothing(site: DrawSite) -> bool:
    """Is `site` run only by programs that seed no generator at all, drawing from a global one (in the
    program's file or in a module it runs)? Several such programs are one decision (seed the scripts, or not): the runner
    groups their findings (hygiene.grouping). A call that takes its own seed (`random_state`,
    `seed=`) is a decision per call, so it is not grouped."""
    return (site.gen in GENERATOR_NAMES and site.kind not in ("sklearn", "sample") and bool(site.unseeded_by)
            and not any(site.seeds_of.get(e) for e in site.unseeded_by))


def more_draws(site: DrawSite) -> str:
    if not site.more:
        return ""
    return f"; {len(site.more)} more unseeded draw{'s' if len(site.more) > 1 else ''} in this file"


def report_place(place: Place, site: DrawSite | None = None, ask: str = "") -> dict[str, Any]:
    """Keyword arguments for `RepoContext.report` that put a finding at `place` (in `site`'s scope);
    a finding that should be a checklist question carries the reason in `extra["ask"]`."""
    reason = ask or (site.ask if site else "")
    extra: dict[str, Any] = {"ask": ASK_REASONS.get(reason, reason)} if reason else {}
    if site is not None and seeds_nothing(site):
        # hygiene.grouping: one decision for the repository (PyTorch-GAN's 32 standalone scripts, each
        # in its own folder, seeding nothing: one habit, one answer, one finding naming them all).
        extra["group"] = REPOSITORY + "a program that seeds nothing"
        # The training program first, not the first by name; a program's own draw before a module's.
        # A draw a demo also runs comes after one only experiments run.
        demo = any(named_for_demo(e) for e in site.unseeded_by)
        extra["anchor_rank"] = 4 * site.rank + 2 * demo + (site.path not in site.unseeded_by)
    elif site is not None and site.gen in GENERATOR_NAMES and site.kind not in ("sklearn", "sample"):
        # Draws of several files that one program runs unseeded: one seeding line in it settles them.
        extra["group"] = PROGRAM + site.unseeded_by[0]
        # Anchored at a draw only experiments run, not one a demo notebook shares with them.
        extra["anchor_rank"] = int(any(named_for_demo(e) for e in site.unseeded_by))
    return {"column": place.column, "end_line": place.end_line, "cell": place.cell,
            "cell_line": place.cell_line, "snippet": place.snippet, "context": site.context if site else "",
            "extra": extra}

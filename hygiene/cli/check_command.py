"""`hygiene check`: scan, review, baseline, checklist, report, exit code."""
from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import click

from hygiene.cli.project import (EXIT_ERROR, EXIT_FAIL, EXIT_OK, REQUIRE_CHOICES, _apply_baseline, _checking, _require,
                                 load_config, nothing_to_check)
from hygiene.finding import Severity
from hygiene.report import FORMATS, render
from hygiene.ruleset import RuleLoadError
from hygiene.cli.progress import Progress


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report to this file instead of stdout.")
@click.option("--no-llm", is_flag=True, help="Static rules only; never call the LLM reviewer.")
@click.option("--llm-dry-run", is_flag=True,
              help="Print exactly what the LLM reviewer would send, with token and cost estimates; send nothing "
                   "(on stderr when the report itself goes to stdout in another format).")
@click.option("--select", multiple=True, help="Only these codes, prefixes, categories or families.")
@click.option("--ignore", multiple=True, help="Never these codes, prefixes, categories or families.")
@click.option("--min-precision", type=click.FloatRange(0, 1),
              help="Ask checklist questions instead of reporting findings for rules whose precision measured on "
                   "public research code is below this (e.g. 0.8; `hygiene explain CODE` shows each rule's).")
@click.option("--fail-on", type=click.Choice([s.name.lower() for s in Severity]),
              help="Lowest severity that makes the check fail (default from config: warning).")
@click.option("--focus", is_flag=True,
              help="Report only on PATHS, reading the whole project for context (pre-commit, pull requests); "
                   "with no PATHS, on no file: only the repository-level checklist questions.")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the per-file cache.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="Worker processes (default: all cores).")
@click.option("--config", "config_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="pyproject.toml to read [tool.hygiene] from.")
@click.option("--color/--no-color", default=None, help="Colour the text output (default: on a terminal).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings remain.")
@click.option("--write-report", "extra_reports", multiple=True, metavar="FORMAT:PATH",
              help="Also write the report in FORMAT to PATH, from the same scan (repeatable), "
                   "e.g. --write-report sarif:hygiene.sarif.")
@click.option("--checklist", "checklist_mode", type=click.Choice(["write", "read", "off"]), default="write",
              show_default=True,
              help="write: update the checklist file (HYGIENE.md) with this scan's questions, keeping every "
                   "answer; read: judge the answers without writing; off: findings only.")
@click.option("--require", type=click.Choice(REQUIRE_CHOICES),
              help="Lowest severity whose checklist questions must be answered (default from config: warning).")
@click.option("--verify-authors", is_flag=True,
              help="For CI: an answer counts only when people, not bots, committed it (git blame).")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Leave out the findings recorded in this baseline file: only new ones fail "
                   "(default: `baseline` in [tool.hygiene]).")
@click.option("--write-baseline", "write_baseline", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="Record every current finding in FILE as the baseline and exit 0 (adopting hygiene in an "
                   "existing repository).")
def check(paths: tuple[Path, ...], fmt: str, output: Path | None, no_llm: bool, llm_dry_run: bool, select: tuple[str, ...],
          ignore: tuple[str, ...], min_precision: float | None, fail_on: str | None, focus: bool, no_cache: bool, jobs: int | None,
          config_file: Path | None, color: bool | None, exit_zero: bool, extra_reports: tuple[str, ...],
          checklist_mode: str, require: str | None, verify_authors: bool, baseline_file: Path | None,
          write_baseline: Path | None) -> None:
    """Check PATHS (default: the current folder), print the findings and update the checklist.

    The check passes when no finding at or above the failing severity is left without a real
    answer in the checklist and every required checklist question has one. With the default
    `--checklist write`, the checklist file (HYGIENE.md) is written when the whole repository
    was scanned; a partial scan (PATHS inside it, --focus) only reads it."""
    from hygiene.runner import scan

    path_list = list(paths) or [Path(".")]
    _checking(path_list)
    # `--focus` alone: a pull request that changed no file hygiene reads is judged on the
    # repository-level questions only, not on findings in files it did not touch.
    focus_list = list(paths) if focus else None
    reports = [_report_target(spec) for spec in extra_reports]
    config = load_config(path_list, config_file, select, ignore)
    if select or ignore or fail_on or min_precision is not None:
        config = dataclasses.replace(
            config,
            select=tuple(select) or config.select,
            ignore=config.ignore + tuple(ignore),
            fail_on=Severity.parse(fail_on) if fail_on else config.fail_on,
            min_precision=config.min_precision if min_precision is None else min_precision,
        )
    given = write_baseline or baseline_file
    if given is not None:  # the baseline is read or written here, never scanned as a data file
        try:
            config = dataclasses.replace(config, baseline=given.resolve().relative_to(config.root).as_posix())
        except ValueError:
            pass
    progress = Progress(sys.stderr.isatty())
    try:
        result = scan(config, path_list, focus=focus_list, jobs=jobs,
                      use_cache=not no_cache, progress=progress)
    except RuleLoadError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        progress.close()
    if not result.files and not result.errors and focus_list is None:  # unreadable: the report says why
        raise nothing_to_check(path_list)
    if not no_cache:  # what no scan used for two weeks goes, at most once a day
        from hygiene.cache.prune import maybe_prune

        maybe_prune(config.root / config.cache_dir)
    if not no_llm:
        from hygiene.llm import review

        # Before the checklist, so that the reviewer's questions join it like any other.
        review(result, focus=focus_list, dry_run=llm_dry_run, use_cache=not no_cache,
               progress=sys.stderr.isatty() and fmt == "text",
               out=sys.stdout if fmt == "text" or output is not None else sys.stderr)
    if write_baseline is not None:
        from hygiene import baseline

        try:
            n = baseline.write(write_baseline, result.findings)
        except baseline.BaselineError as exc:
            raise click.ClickException(str(exc)) from None
        click.echo(f"hygiene: {n} finding{'s' if n != 1 else ''} written to {write_baseline}; "
                   f"`hygiene check --baseline {write_baseline}` (or baseline = \"{write_baseline}\" in "
                   "[tool.hygiene]) fails only on new ones", err=True)
        sys.exit(EXIT_OK)
    _apply_baseline(result, baseline_file, whole_repo=focus_list is None and all(p.resolve() == result.root for p in path_list))
    checklist = None
    if checklist_mode != "off":
        checklist = _checklist(result, path_list, focus, checklist_mode == "write", require, verify_authors)
    use_color = (output is None and sys.stdout.isatty()) if color is None else color
    text = render(result, fmt, color=use_color)
    if output is not None:
        output.write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)
    for extra_fmt, target in reports:
        target.write_text(render(result, extra_fmt, color=False), encoding="utf-8")
    internal = [d for d in result.diagnostics if d.kind == "error" and "internal error" in d.message]
    if internal:
        sys.exit(EXIT_ERROR)
    failing = [f for f in result.findings if f.severity >= config.fail_on]
    blocking = []
    if checklist is not None:
        # A finding a person has really answered in the checklist no longer fails the check.
        answered = checklist.answered_ids()
        failing = [f for f in failing if f.fingerprint not in answered]
        blocking = checklist.blocking()
    if exit_zero:
        sys.exit(EXIT_OK)
    sys.exit(EXIT_FAIL if failing or blocking or result.errors else EXIT_OK)


def _report_target(spec: str) -> tuple[str, Path]:
    fmt, sep, target = spec.partition(":")
    if not sep or fmt not in FORMATS or not target:
        raise click.BadParameter(f"{spec!r}: expected FORMAT:PATH with FORMAT one of {', '.join(FORMATS)}",
                                 param_hint="--write-report")
    return fmt, Path(target)


def _checklist(result, paths: list[Path], focus: bool, write: bool, require: str | None,
               verify_authors: bool):
    """The checklist of a scan, written when asked and the whole repo was scanned; problems with
    the file become a diagnostic (exit 1), never a crash."""
    from hygiene.checklist import ChecklistError, build
    from hygiene.finding import Diagnostic

    partial = focus or any(p.resolve() != result.root for p in paths)
    try:
        checklist = build(result, require=_require(require, result.config),
                          llm_ran="llm_requests" in result.stats,
                          verify_authors=verify_authors)
    except ChecklistError as exc:
        result.diagnostics.append(Diagnostic(result.config.checklist.path, str(exc)))
        return None
    if write and partial:
        checklist.notes.append(f"{checklist.relpath} not updated: only part of the repository was scanned")
    elif write:
        try:
            checklist.write()
        except ChecklistError as exc:
            checklist.notes.append(str(exc))
    result.checklist = checklist.to_dict()
    return checklist

"""Command line: options in, engine call, report out, exit code.

Exit codes: 0 nothing fails; 1 findings at or above the failing severity, files that could not
be checked, or required checklist items unanswered; 2 a usage, configuration or internal error.
"""
from __future__ import annotations

import dataclasses
import os
import signal
import sys
from pathlib import Path

import click

from hygiene import __version__
from hygiene.config import Config, ConfigError, check_selectors, find_pyproject, load
from hygiene.finding import Severity
from hygiene.report import FORMATS, render
from hygiene.rule import RuleLoadError, load_rules

EXIT_OK, EXIT_FAIL, EXIT_ERROR = 0, 1, 2
REQUIRE_CHOICES = ["error", "warning", "info", "none"]
# What an internal error names: the folder or files the running command was checking.
_target: list[str] = []


def _checking(paths: list[Path]) -> None:
    _target[:] = [str(p.resolve()) for p in paths]


def nothing_to_check(paths: list[Path]) -> click.ClickException:
    """The usage error for a scan that found no file hygiene reads: pointing hygiene at the wrong
    folder must not look clean (exit 0, `0 findings`, a HYGIENE.md written there)."""
    from hygiene.discovery import what_is_read

    where = " ".join(str(p) for p in paths)
    return click.ClickException(f"nothing to check in {where}: no {what_is_read()} outside the excluded and "
                                ".gitignore'd paths")


def project_root(paths: list[Path]) -> Path:
    """The folder findings are reported relative to and whose pyproject.toml configures the scan."""
    resolved = [p.resolve() for p in paths] or [Path.cwd().resolve()]
    anchors = [p if p.is_dir() else p.parent for p in resolved]
    common = Path(os.path.commonpath([str(a) for a in anchors]))
    pyproject = find_pyproject(common)
    if pyproject is not None and all(a == pyproject.parent or pyproject.parent in a.parents for a in anchors):
        return pyproject.parent
    for folder in (common, *common.parents):
        if (folder / ".git").exists():
            return folder
    return common


def load_config(paths: list[Path], config_file: Path | None, select: tuple[str, ...] = (),
                ignore: tuple[str, ...] = ()) -> Config:
    """The configuration, with every rule code it names (and `--select` / `--ignore`) checked
    against the rules: a typo would turn a check off and let everything pass."""
    root = project_root(paths)
    try:
        config = load(root, config_file)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None
    try:
        rules = load_rules([config.root / p for p in config.rules_paths])
    except RuleLoadError as exc:
        raise click.ClickException(str(exc)) from None
    try:
        check_selectors(config, rules, select, ignore)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None
    return config


class _Progress:
    """A progress bar on stderr (click's), only on a terminal and only once a scan has run for
    more than a second: a warm re-run or a small repository finishes without one."""

    DELAY = 1.0

    def __init__(self, enabled: bool) -> None:
        import time

        self.enabled = enabled
        self.started = time.monotonic()
        self.bar = None
        self.shown = 0

    def __call__(self, done: int, total: int) -> None:
        import time

        if not self.enabled or done >= total:
            return
        if self.bar is None:
            if time.monotonic() - self.started < self.DELAY:
                return
            self.bar = click.progressbar(length=total, label="hygiene: checking files", file=sys.stderr,
                                         show_pos=True, show_eta=False)
            self.bar.__enter__()
        self.bar.update(done - self.shown)
        self.shown = done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.update(self.bar.length - self.shown)
            self.bar.__exit__(None, None, None)
            self.bar = None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="hygiene")
def cli() -> None:
    """Research-hygiene linter: silent bugs in ML and AI-safety research code, and a checklist
    of questions a person answers by hand before results are posted."""


@cli.command()
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
          ignore: tuple[str, ...], fail_on: str | None, focus: bool, no_cache: bool, jobs: int | None,
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
    if select or ignore or fail_on:
        config = dataclasses.replace(
            config,
            select=tuple(select) or config.select,
            ignore=config.ignore + tuple(ignore),
            fail_on=Severity.parse(fail_on) if fail_on else config.fail_on,
        )
    given = write_baseline or baseline_file
    if given is not None:  # the baseline is read or written here, never scanned as a data file
        try:
            config = dataclasses.replace(config, baseline=given.resolve().relative_to(config.root).as_posix())
        except ValueError:
            pass
    progress = _Progress(sys.stderr.isatty())
    try:
        result = scan(config, path_list, focus=focus_list, jobs=jobs,
                      use_cache=not no_cache, progress=progress)
    except RuleLoadError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        progress.close()
    if not result.files and not result.errors and focus_list is None:  # unreadable: the report says why
        raise nothing_to_check(path_list)
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


def _apply_baseline(result, option: Path | None, whole_repo: bool = True) -> None:
    """Leave out the findings of the baseline (`--baseline`, else the configured one)."""
    from hygiene import baseline

    try:
        baseline.apply(result, option, whole_repo)
    except baseline.BaselineError as exc:
        raise click.ClickException(str(exc)) from None


def _report_target(spec: str) -> tuple[str, Path]:
    fmt, sep, target = spec.partition(":")
    if not sep or fmt not in FORMATS or not target:
        raise click.BadParameter(f"{spec!r}: expected FORMAT:PATH with FORMAT one of {', '.join(FORMATS)}",
                                 param_hint="--write-report")
    return fmt, Path(target)


def _require(value: str | None, config: Config) -> Severity | None:
    """The lowest severity whose checklist questions must be answered: `--require`, else the
    configured `checklist.require`, raised to `fail-on` (what may not fail the check need not be
    answered either)."""
    if value is not None:
        return None if value == "none" else Severity.parse(value)
    configured = config.checklist.require
    return None if configured is None else max(configured, config.fail_on)


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


def _checklist_scan(paths: tuple[Path, ...], config_file: Path | None, no_cache: bool, require: str | None,
                    verify_authors: bool = False):
    """Scan the whole repository (static rules) and build its checklist, for `checklist` and `answer`."""
    from hygiene.checklist import ChecklistError, build
    from hygiene.runner import scan

    path_list = list(paths) or [Path(".")]
    _checking(path_list)
    config = load_config(path_list, config_file)
    try:
        result = scan(config, None, use_cache=not no_cache)
    except RuleLoadError as exc:
        raise click.ClickException(str(exc)) from None
    if not result.files:
        raise nothing_to_check([config.root])
    _apply_baseline(result, None)
    try:
        return build(result, require=_require(require, config), verify_authors=verify_authors)
    except ChecklistError as exc:
        raise click.ClickException(str(exc)) from None


@cli.command("checklist")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["md", "json"]), default="md", show_default=True,
              help="md: the checklist file as it would be written; json: its state, item by item.")
@click.option("--write", is_flag=True, help="Write the checklist file (HYGIENE.md) instead of printing it.")
@click.option("--require", type=click.Choice(REQUIRE_CHOICES),
              help="Lowest severity whose questions must be answered (default from config: warning).")
@click.option("--verify-authors", is_flag=True, help="An answer counts only when people committed it (git blame).")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the per-file cache.")
@click.option("--config", "config_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="pyproject.toml to read [tool.hygiene] from.")
def checklist_command(paths: tuple[Path, ...], fmt: str, write: bool, require: str | None, verify_authors: bool,
                      no_cache: bool, config_file: Path | None) -> None:
    """Print (or --write) the confusion checklist of the repository at PATH: every question with
    the answers already given, carried over from the checklist file."""
    from hygiene.checklist import ChecklistError

    checklist = _checklist_scan(paths, config_file, no_cache, require, verify_authors)
    if write:
        try:
            changed = checklist.write()
        except ChecklistError as exc:
            raise click.ClickException(str(exc)) from None
        summary = checklist.summary()
        click.echo(f"{checklist.relpath}: {'written' if changed else 'up to date'}; "
                   f"{summary['required_answered']} of {summary['required']} required questions answered, "
                   f"{summary['open']} open", err=True)
        if fmt == "json":
            click.echo(checklist.json(), nl=False)
        return
    click.echo(checklist.json() if fmt == "json" else checklist.text(), nl=False)


@cli.command("answer")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--all", "include_answered", is_flag=True, help="Also go through questions already answered.")
@click.option("--require", type=click.Choice(REQUIRE_CHOICES),
              help="Lowest severity whose questions must be answered (default from config: warning).")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the per-file cache.")
@click.option("--config", "config_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="pyproject.toml to read [tool.hygiene] from.")
@click.option("--color/--no-color", default=None, help="Colour the output (default: on a terminal).")
def answer_command(paths: tuple[Path, ...], include_answered: bool, require: str | None, no_cache: bool,
                   config_file: Path | None, color: bool | None) -> None:
    """Answer the open checklist questions one by one in the terminal; each answer is saved to the
    checklist file (HYGIENE.md) as soon as it is given. Exits 1 while required questions stay open."""
    from hygiene.checklist import ChecklistError
    from hygiene.checklist.interactive import Session

    checklist = _checklist_scan(paths, config_file, no_cache, require)
    if sys.stdin.isatty():
        # A person at a terminal stops with Ctrl-C (what they typed is saved). A shell that starts
        # a program in the background leaves SIGINT ignored, and the program inherits that.
        signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        checklist.write()
        Session(checklist, color=sys.stdout.isatty() if color is None else color).run(include_answered)
    except ChecklistError as exc:
        raise click.ClickException(str(exc)) from None
    sys.exit(EXIT_FAIL if checklist.blocking() else EXIT_OK)


@cli.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
def rules_command(fmt: str) -> None:
    """List every rule: code, category, severity and what it finds."""
    import json

    rules = _all_rules()
    if fmt == "json":
        click.echo(json.dumps([{"code": r.code, "category": r.category, "severity": str(r.severity),
                                "default": r.default, "name": r.slug(), "summary": r.summary()} for r in rules],
                              indent=2))
        return
    if fmt == "markdown":
        from hygiene.docs import rules_table

        click.echo(rules_table(rules), nl=False)
        return
    import shutil

    from hygiene.docs import rules_listing

    click.echo(rules_listing(rules, shutil.get_terminal_size().columns), nl=False)  # $COLUMNS, the terminal, else 80


@cli.command()
@click.argument("code")
def explain(code: str) -> None:
    """Print the documentation of rule CODE."""
    code = code.upper()
    rules = _all_rules()
    for r in rules:
        if r.code == code:
            from hygiene.docs import default_line, precision_line

            click.echo(f"{r.code} ({r.slug()}): {r.category}, {r.severity}\n")
            click.echo(r.documentation())
            if r.question:
                click.echo(f"\nChecklist question: {r.question}")
            click.echo(f"\n{default_line(r)}")
            click.echo(precision_line(r.code))
            return
    import difflib

    nearest = difflib.get_close_matches(code, [r.code for r in rules], n=1, cutoff=0.5)
    hint = f" (did you mean {nearest[0]!r}?)" if nearest else ""
    raise click.ClickException(f"no rule {code!r}{hint}; `hygiene rules` lists them")


cli.add_command(explain, name="rule")


@cli.command()
@click.argument("path", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))
def init(path: Path | None) -> None:
    """Add a starter [tool.hygiene] section to PATH/pyproject.toml and print the pre-commit and
    GitHub Actions snippets."""
    from hygiene.init import PRE_COMMIT, add_section, workflow

    folder = (path or Path(".")).resolve()
    click.echo(add_section(folder / "pyproject.toml"), err=True)
    click.echo("\nTo run hygiene before each commit, add to .pre-commit-config.yaml, then run `pre-commit install`:\n")
    click.echo(PRE_COMMIT)
    click.echo("To run it on pull requests, save as .github/workflows/hygiene.yml:\n")
    click.echo(workflow())


def _all_rules() -> list:
    try:
        config = load(project_root([Path(".")]))
        extra = [config.root / p for p in config.rules_paths]
    except ConfigError:
        extra = []
    try:
        return load_rules(extra)
    except RuleLoadError as exc:
        raise click.ClickException(str(exc)) from None


def main() -> None:
    try:
        cli.main(prog_name="hygiene", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(EXIT_ERROR)
    except click.ClickException as exc:
        exc.show()
        sys.exit(EXIT_ERROR)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # a bug of ours: one line with what was being checked, exit 2
        if os.environ.get("HYGIENE_DEBUG"):
            raise
        where = ", ".join(_target) or str(Path.cwd())
        detail = " ".join(f"{type(exc).__name__}: {exc}".split())
        click.echo(f"hygiene: internal error while checking {where}: {detail} "
                   "(HYGIENE_DEBUG=1 shows the traceback; please report it)", err=True)
        sys.exit(EXIT_ERROR)

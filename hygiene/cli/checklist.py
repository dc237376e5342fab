"""`hygiene checklist` and `hygiene answer`: the confusion checklist of the whole repository."""
from __future__ import annotations

import signal
import sys
from pathlib import Path

import click

from hygiene.cli.project import (EXIT_FAIL, EXIT_OK, REQUIRE_CHOICES, _apply_baseline, _checking, _require, load_config,
                                 nothing_to_check)
from hygiene.ruleset import RuleLoadError


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


@click.command("checklist")
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


@click.command("answer")
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

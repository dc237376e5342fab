"""Command line: options in, engine call, report out, exit code. One module per command family:
`check_command`, `checklist` (checklist, answer), `rules` (rules, rule/explain); `project` holds what
they share.

Exit codes: 0 nothing fails; 1 findings at or above the failing severity, files that could not
be checked, or required checklist items unanswered; 2 a usage, configuration or internal error.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from hygiene import __version__
from hygiene.cli.check_command import check
from hygiene.cli.checklist import answer_command, checklist_command
from hygiene.cli.project import EXIT_ERROR, _target
from hygiene.cli.rules import explain, rules_command
from hygiene.gcpolicy import tune
from hygiene.parsing.fastnodes import plain_metaclass


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="hygiene")
def cli() -> None:
    """Research-hygiene linter: silent bugs in ML and AI-safety research code, and a checklist
    of questions a person answers by hand before results are posted."""


cli.add_command(check)
cli.add_command(checklist_command)
cli.add_command(answer_command)
cli.add_command(rules_command)
cli.add_command(explain)
cli.add_command(explain, name="rule")


@cli.command()
@click.argument("path", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))
def init(path: Path | None) -> None:
    """Add a starter [tool.hygiene] section to PATH/pyproject.toml and print the pre-commit and
    GitHub Actions snippets."""
    from hygiene.cli.starter import PRE_COMMIT, add_section, workflow

    folder = (path or Path(".")).resolve()
    click.echo(add_section(folder / "pyproject.toml"), err=True)
    click.echo("\nTo run hygiene before each commit, add to .pre-commit-config.yaml, then run `pre-commit install`:\n")
    click.echo(PRE_COMMIT)
    click.echo("To run it on pull requests, save as .github/workflows/hygiene.yml:\n")
    click.echo(workflow())


def main() -> None:
    tune()  # this process's cycle collection (and its forked workers'): see hygiene.gcpolicy
    plain_metaclass()  # isinstance against libcst's node classes in C: see hygiene.parsing.fastnodes
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

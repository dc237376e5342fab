"""`hygiene rules` and `hygiene rule CODE` (`explain`): the catalogue and each rule's page."""
from __future__ import annotations

import click

from hygiene.cli.project import _all_rules


@click.command("rules")
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


@click.command()
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

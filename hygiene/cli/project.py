"""What every command works on: the project root, its configuration checked against the rules,
the baseline, the checklist's required severity; and what an internal error names."""
from __future__ import annotations

import os
from pathlib import Path

import click

from hygiene.config import Config, ConfigError, check_selectors, find_pyproject, load
from hygiene.finding import Severity
from hygiene.ruleset import RuleLoadError, load_rules

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


def _apply_baseline(result, option: Path | None, whole_repo: bool = True) -> None:
    """Leave out the findings of the baseline (`--baseline`, else the configured one)."""
    from hygiene import baseline

    try:
        baseline.apply(result, option, whole_repo)
    except baseline.BaselineError as exc:
        raise click.ClickException(str(exc)) from None


def _require(value: str | None, config: Config) -> Severity | None:
    """The lowest severity whose checklist questions must be answered: `--require`, else the
    configured `checklist.require`, raised to `fail-on` (what may not fail the check need not be
    answered either)."""
    if value is not None:
        return None if value == "none" else Severity.parse(value)
    configured = config.checklist.require
    return None if configured is None else max(configured, config.fail_on)


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

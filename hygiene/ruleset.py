"""Which rules a scan runs: the catalogue under `rules/` (shipped as `hygiene.catalogue`), the
user's own rule folders (`rules-paths`), and the built-in suppression checks; and the fingerprint
that ties cached results to the rules' source.
"""
from __future__ import annotations

import hashlib
import importlib
import importlib.util
import inspect
import pkgutil
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from hygiene.rule import CODE_PATTERN, Rule
from hygiene.suppress import BUILTIN_RULES


class RuleLoadError(Exception):
    pass


def _rules_in(module: Any) -> list[type[Rule]]:
    return [obj for obj in vars(module).values()
            if isinstance(obj, type) and issubclass(obj, Rule) and obj is not Rule
            and obj.__module__ == module.__name__ and obj.code]


def catalogue_modules() -> list[str]:
    import hygiene.catalogue as catalogue

    names = []
    for info in pkgutil.walk_packages(catalogue.__path__, prefix="hygiene.catalogue."):
        if not info.ispkg:
            names.append(info.name)
    return sorted(names)


def load_rules(extra_paths: Iterable[Path] = ()) -> list[type[Rule]]:
    """Every rule of the catalogue and of the user's own rule folders, sorted by code."""
    rules: list[type[Rule]] = list(BUILTIN_RULES)
    for name in catalogue_modules():
        try:
            module = importlib.import_module(name)
        except Exception as exc:  # a broken rule file must say which file
            raise RuleLoadError(f"rule module {name} failed to import: {type(exc).__name__}: {exc}") from exc
        rules.extend(_rules_in(module))
    for folder in extra_paths:
        rules.extend(_load_folder(folder))
    seen: dict[str, type[Rule]] = {}
    for rule in rules:
        if not CODE_PATTERN.match(rule.code):
            raise RuleLoadError(f"{rule.__module__}.{rule.__name__}: code {rule.code!r} is not FAMILY + three digits")
        if rule.code in seen and seen[rule.code] is not rule:
            raise RuleLoadError(f"rule code {rule.code} is defined twice: {seen[rule.code].__module__} and {rule.__module__}")
        seen[rule.code] = rule
    return sorted(seen.values(), key=lambda r: r.code)


def _load_folder(folder: Path) -> list[type[Rule]]:
    if not folder.is_dir():
        raise RuleLoadError(f"rules folder {folder} does not exist")
    tag = hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:8]
    rules: list[type[Rule]] = []
    for file in sorted(folder.rglob("*.py")):
        if file.name.startswith("_"):
            continue
        name = f"hygiene_user_rules_{tag}." + ".".join(file.relative_to(folder).with_suffix("").parts)
        if name in sys.modules:
            rules.extend(_rules_in(sys.modules[name]))
            continue
        spec = importlib.util.spec_from_file_location(name, file)
        if spec is None or spec.loader is None:
            raise RuleLoadError(f"{file}: cannot be loaded as a Python module")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        try:
            spec.loader.exec_module(module)
        except Exception as exc:
            del sys.modules[name]
            raise RuleLoadError(f"{file}: failed to import: {type(exc).__name__}: {exc}") from exc
        rules.extend(_rules_in(module))
    return rules


def ruleset_fingerprint(rules: Iterable[type[Rule]]) -> str:
    """Changes whenever a rule's source changes, so cached results never outlive their rules."""
    digest = hashlib.sha256()
    for rule in rules:
        digest.update(rule.code.encode())
        try:
            digest.update(Path(inspect.getfile(rule)).read_bytes())
        except (OSError, TypeError):
            digest.update(rule.__module__.encode())
    return digest.hexdigest()[:16]

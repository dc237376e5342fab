"""The rule catalogue: file names, codes, categories, uniqueness."""
from __future__ import annotations

import inspect
import re
from pathlib import Path

from hygiene.ruleset import load_rules

TAXONOMY = {
    "LEAK": {"PREPROC", "OVERLAP", "SELECT", "TARGET", "SPLIT", "PROMPT"},
    "SEED": {"UNSEEDED", "ORDER", "SAMPLING"},
    "DATA": {"SWALLOW", "DEFAULT", "DROP", "TRUNC", "UNEXAMINED"},
    "EVAL": {"TRAIN", "ARGS", "MODE", "MISMATCH", "CACHE"},
    "PROMPT": {"FSTRING", "UNFILLED"},
    "RESULT": {"STALE", "PROVENANCE", "SUSPECT", "CLAIM"},
    "META": {"SUPPRESSION"},
}
RULES_DIR = Path(__file__).parents[1] / "rules"


def test_codes_are_unique_and_match_file_names():
    rules = load_rules()
    assert len({r.code for r in rules}) == len(rules)
    for rule in rules:
        if not rule.__module__.startswith("hygiene.catalogue."):
            continue
        path = Path(inspect.getfile(rule))
        assert path.name.startswith(rule.code + "_"), f"{path.name} holds {rule.code}"
        family = rule.code.rstrip("0123456789").lower()
        assert path.parent.name == family, f"{rule.code} lives in {path.parent.name}/, not {family}/"
        assert re.fullmatch(r"[a-z0-9_]+", path.stem.split("_", 1)[1]), path.stem


def test_categories_come_from_the_taxonomy():
    for rule in load_rules():
        family, _, kind = rule.category.partition("-")
        assert kind in TAXONOMY.get(family, set()), f"{rule.code}: unknown category {rule.category}"


def test_every_rule_file_defines_exactly_one_rule():
    loaded = {Path(inspect.getfile(r)).resolve() for r in load_rules()}
    for path in RULES_DIR.rglob("*.py"):
        if path.name != "__init__.py":
            assert path.resolve() in loaded, f"{path} defines no rule the catalogue loads"

"""What seeds a program, besides a seeding call it makes itself (`hygiene.analysis.programs`).

- Initial weights: draws in a constructor, in a function named for initialising weights (`init_weights`,
  `_init_weights`, `reset_parameters`), or in a helper one of those calls (`trunc_normal_(self.pos_embed)` in
  `ViT.__init__`), are replaced when the program loads trained or released weights.
- Seeding methods: a method that seeds (`DeepspeedStrategy.setup_distributed` calling `set_seed(self.seed)`),
  when one class of the repository alone defines a method of that name, seeds a program that calls that name
  on a value the analysis cannot type (`strategy = get_strategy(args); strategy.setup_distributed()`); the
  method may seed through helpers of its own file (`Parser.parse_args` -> `self.set_seed(args)` -> `set_seed`).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any


def initialises(context: str) -> bool:
    """A constructor, or a function named for initialising weights (`init_weights`,
    `_init_weights`, `reset_parameters`): its draws are initial weights."""
    last = context.rsplit(".", 1)[-1].lower()
    return last == "__init__" or last in ("reset_parameters", "_reset_parameters") or \
        (last.startswith(("init", "_init")) and "weight" in last)


def seeding_methods(files: dict[str, Any], is_library: Callable[[str, str], bool]) -> dict[str, list[str]]:
    """Short method name -> the generators it seeds, for names one class of the repository alone defines."""
    owners: dict[str, list[tuple[str, str]]] = {}
    for path, facts in files.items():
        for methods in facts["classes"].values():
            for method in methods:
                owners.setdefault(method.rsplit(".", 1)[-1], []).append((path, method))
    found: dict[str, list[str]] = {}
    for short, where in owners.items():
        if len(where) != 1 or short.startswith("__"):
            continue
        path, method = where[0]
        gens = sorted(_seeds_in(files[path]["scopes"], method, path, is_library, set()))
        if gens:
            found[short] = gens
    return found


def _seeds_in(scopes: dict[str, Any], key: str, path: str, is_library: Callable[[str, str], bool],
              seen: set[str]) -> set[str]:
    """The generators a scope seeds, itself or through the file's own helpers it calls: a `parse_args` that
    calls `self.set_seed(args)`, which calls the module's `set_seed(seed)` (held-out set 28)."""
    seen.add(key)
    gens: set[str] = set()
    for e in scopes.get(key, ()):
        if e[0] == "s" and (not e[3] or is_library(e[3], path)):
            gens.update(e[2])
        callee = e[3] if e[0] == "s" else e[1] if e[0] == "c" and e[2] >= 0 else None
        if callee in scopes and callee not in seen and len(seen) < 8:
            gens |= _seeds_in(scopes, callee, path, is_library, seen)
    return gens

"""Per-run output files: a write whose file name carries the run's seed, rank or shard.

A program that writes `output_{args.seed}.json` runs once per seed, and its outputs are meant to be
read together: the k-th row of one run's file is taken to be the k-th row of another's. When the
rows come in an arbitrary order (a set of strings, whose order follows the per-process string-hash
seed), each run lists its items in another order, and runs combined by position pair different
items. `OrderTracker` (hygiene.analysis.order) finds the arbitrary order; this module says whether a
write call puts its object into such a per-run file, and what the object was derived from.
"""
from __future__ import annotations

import re
from typing import Callable

import libcst as cst

from hygiene.analysis.names import dotted

# Calls that write their first positional argument (an object) to a file given next or by `open`.
OBJECT_WRITERS = frozenset({"json.dump", "pickle.dump", "torch.save", "joblib.dump", "yaml.dump", "yaml.safe_dump"})
PATH_FIRST_WRITERS = frozenset({"numpy.save", "numpy.savez", "numpy.savetxt"})
FRAME_WRITERS = frozenset({"to_csv", "to_json", "to_parquet", "to_pickle", "to_jsonl", "save_to_disk"})
# Words of a file-name field that make the file one run's of several.
RUN_WORDS = re.compile(r"(?i)(?:^|[^a-z])(seed|rank|shard|process_index|local_rank|worker_id|run_id)(?:$|[^a-z])")


def written(call: cst.Call, qualified: str | None) -> tuple[cst.BaseExpression, cst.BaseExpression] | None:
    """(the object written, the file or path it is written to) of a writer call, else None."""
    positional = [a.value for a in call.args if a.keyword is None and not a.star]
    keywords = {a.keyword.value: a.value for a in call.args if a.keyword is not None}
    if qualified in OBJECT_WRITERS and positional:
        target = positional[1] if len(positional) > 1 else keywords.get("fp") or keywords.get("f")
        return (positional[0], target) if target is not None else None
    if qualified in PATH_FIRST_WRITERS and len(positional) > 1:
        return positional[1], positional[0]
    func = call.func
    if isinstance(func, cst.Attribute) and func.attr.value in FRAME_WRITERS and positional:
        return func.value, positional[0]
    if isinstance(func, cst.Attribute) and func.attr.value in ("write", "writelines") and positional \
            and isinstance(func.value, cst.Name):
        return positional[0], func.value
    return None


def opened_path(target: cst.BaseExpression, parents: list[cst.CSTNode]) -> cst.BaseExpression:
    """`f` of `with open(path) as f:` around the write: `path`; anything else: `target` itself."""
    name = dotted(target) if isinstance(target, (cst.Name, cst.Attribute)) else None
    for parent in reversed(parents):
        if isinstance(parent, cst.With):
            for item in parent.items:
                alias = item.asname.name if item.asname is not None else None
                if name and isinstance(alias, cst.Name) and alias.value == name \
                        and isinstance(item.item, cst.Call) and item.item.args:
                    return item.item.args[0].value
    return target


def run_field(path: cst.BaseExpression, assigned: Callable[[str], cst.BaseExpression | None],
              code: Callable[[cst.CSTNode], str], depth: int = 0) -> str | None:
    """The field of a per-run file name (`{args.seed}`) in `path`, following names through their
    assignments (`output_file = f"output_{args.seed}.json"`, then `os.path.join(out_dir, output_file)`)."""
    if depth > 4:
        return None
    pending: list[cst.CSTNode] = [path]
    while pending:
        node = pending.pop()
        if isinstance(node, cst.FormattedString):
            for part in node.parts:
                if isinstance(part, cst.FormattedStringExpression) and RUN_WORDS.search(code(part.expression)):
                    return "{" + code(part.expression) + "}"
        elif isinstance(node, cst.Call):
            func = node.func
            if isinstance(func, cst.Attribute) and func.attr.value == "format":
                for arg in node.args:
                    if RUN_WORDS.search(code(arg.value)) or (arg.keyword and RUN_WORDS.search(arg.keyword.value)):
                        return "{" + code(arg.value) + "}"
            pending.extend(a.value for a in node.args)
            pending.append(func)
        elif isinstance(node, cst.BinaryOperation):
            pending.extend((node.left, node.right))
        elif isinstance(node, cst.Name):
            value = assigned(node.value)
            if value is not None:
                found = run_field(value, assigned, code, depth + 1)
                if found:
                    return found
    return None


# A draw from a global generator: the order matters once it is seeded, which the file never does.
_GLOBAL_DRAWS = ("random.", "numpy.random.")
_SEEDS = re.compile(r"(?m)^[^#\n]*(\b(seed|manual_seed|set_seed|seed_everything|set_random_seed)\s*\(\s*[^)\s]"
                    r"|random_state\s*=\s*[^N\s]|default_rng\s*\(\s*[^)\s]|\bRandom(State)?\s*\(\s*[^)\s])")
UNSEEDED_DRAW = ("nothing in this file seeds the generator that draws from it, so the draw differs between runs "
                 "whatever the {what}'s order (an unseeded draw, SEED001/SEED002); the order matters once it is seeded")


def unseeded_global_draw(use: cst.CSTNode, callee: str | None, text: str) -> bool:
    """Is `use` a draw from Python's or numpy's global generator (`random.choice(files)`) in a file whose
    text seeds nothing? Then the draw differs between runs whatever the order of what it draws from."""
    return isinstance(use, cst.Call) and (callee or "").startswith(_GLOBAL_DRAWS) and not _SEEDS.search(text)

"""EVAL055: the values of two dicts read from different files, paired by position."""
from __future__ import annotations

import ast

import libcst as cst

from hygiene.analysis.stdast import dotted, module_functions, module_scopes, module_tree, scope_nodes, subtree
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, valid

LOADERS = frozenset({"load", "loads", "safe_load", "full_load", "read_json", "load_json", "read_jsonl", "load_jsonl",
                     "load_yaml", "read_pickle"})


def _sorts_items(node: ast.AST) -> bool:
    """Whether `node` holds `sorted(x.items(), ...)`: a dict rebuilt in key order."""
    return any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "sorted" and n.args
               and isinstance(n.args[0], ast.Call) and isinstance(n.args[0].func, ast.Attribute)
               and n.args[0].func.attr == "items" for n in subtree(node))


def _values_root(node: ast.AST) -> tuple[str, str] | None:
    """(root name, text) of `X` when `node` iterates `X.values()` (a comprehension, `list(...)`, `np.array(...)`)."""
    for n in subtree(node):
        if (isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "values"
                and not n.args):
            base = n.func.value
            root = base
            while isinstance(root, (ast.Subscript, ast.Attribute)):
                root = root.value
            if isinstance(root, ast.Name):
                return root.id, ast.unparse(base)
    return None


class DictValuesPairedByPosition(Rule):
    """
    ## What it does
    Finds two arrays built from the values of two different dicts loaded from files
    (`[e["runtime"] for e in eval_results.values()]` and `[e["mean"] for e in
    baseline[f"level{level}"].values()]`, both dicts from `json.load`), that are then used together
    (passed to one call, combined element-wise, zipped): the i-th runtime is compared with the
    i-th baseline whatever problem each belongs to. A dict's order is the order its file was
    written in, and keys added later go to the end. Arrays read by key from one dict's keys
    (`[baseline[k]["mean"] for k in eval_results]`), both from one dict, and dicts built in the
    code are left alone.

    | spelling | found | near miss left alone |
    |---|---|---|
    | two `np.array([... for e in d.values()])` from two `json.load` files | yes | `[b[k] for k in a]` |
    | `zip(preds.values(), gold.values())` from two loaded files | yes | `zip(sorted(a.items()), ...)` is not flagged either way |

    ## Why is this bad?
    Results files list problems in the order they finished (parallel workers, resumed runs,
    retries appended at the end); a baseline file lists them in its own order. Paired by position,
    each model's runtime is divided by another problem's baseline and the speedups, pass rates or
    per-item differences averaged over them are numbers about mismatched pairs.

    ## Example
        with open(eval_path) as f:
            eval_results = json.load(f)
        with open(baseline_path) as f:
            baseline = json.load(f)
        actual = np.array([e["runtime"] for e in eval_results.values()])
        reference = np.array([e["mean"] for e in baseline.values()])
        speedup = reference / actual

    Use instead:
        ids = sorted(eval_results)
        actual = np.array([eval_results[i]["runtime"] for i in ids])
        reference = np.array([baseline[i]["mean"] for i in ids])
    """

    code = "EVAL055"
    category = "EVAL-MISMATCH"
    severity = Severity.ERROR
    message = ("`{first}` and `{second}` are built from the values of `{first_dict}` and `{second_dict}`, two dicts "
               "read from files, and are used together at line {used}: their items are paired by position, not by key")
    question = "Are `{first_dict}` and `{second_dict}` in the same key order? `{first}` and `{second}` are paired by position"
    triggers = ("values()",)
    examples = [
        invalid("""
            import json
            import numpy as np

            def analyze(run_name, baseline_path, level, patch, dataset, fastp):
                with open(f"runs/{run_name}/eval_results.json") as f:
                    eval_results = json.load(f)
                with open(baseline_path) as f:
                    baseline_results = json.load(f)
                eval_results = patch(eval_results, dataset)
                is_correct = np.array([entry["correctness"] for entry in eval_results.values()])
                baseline_speed = np.array([entry["mean"] for entry in baseline_results[f"level{level}"].values()])
                actual_speed = np.array([entry["runtime"] for entry in eval_results.values()])  # expect: EVAL055
                return fastp(is_correct, baseline_speed, actual_speed, len(is_correct), 1.0)
        """),
        invalid("""
            import json

            preds = json.load(open("preds.json"))
            gold = json.load(open("gold.json"))
            p = list(preds.values())
            g = [item["answer"] for item in gold.values()]  # expect: EVAL055
            accuracy = sum(a == b for a, b in zip(p, g)) / len(g)
        """, note="module level, zipped"),
        valid("""
            import json
            import numpy as np

            def analyze(eval_path, baseline_path):
                eval_results = json.load(open(eval_path))
                baseline = json.load(open(baseline_path))
                ids = sorted(eval_results)
                actual = np.array([eval_results[i]["runtime"] for i in ids])
                reference = np.array([baseline[i]["mean"] for i in ids])
                correct = np.array([e["correct"] for e in eval_results.values()])
                runtime = np.array([e["runtime"] for e in eval_results.values()])
                scores = {"a": 1, "b": 2}
                weights = {"a": 0.5, "b": 0.5}
                weighted = np.array(list(scores.values())) * np.array(list(weights.values()))
                results = json.load(open("results.json"))
                results = dict(sorted(results.items(), key=lambda kv: int(kv[0])))
                ranked = np.array([e["runtime"] for e in results.values()])
                base = np.array([e["mean"] for e in baseline.values()])
                return reference / actual, correct * runtime, weighted, base / ranked
        """, note="near misses: read by key, one dict, dicts written in the code, a dict put in key order"),
    ]

    def visit_Module(self, node: cst.Module) -> None:
        tree = module_tree(self.ctx)
        if tree is None:
            return
        self._sorting = {f.name for f in module_functions(self.ctx) if _sorts_items(f)}
        for scope in module_scopes(self.ctx):
            self._scope(scope)

    def _scope(self, scope: ast.AST) -> None:
        nodes = scope_nodes(self.ctx, scope)
        loaded: set[str] = set()
        for n in nodes:
            if isinstance(n, ast.Assign) and isinstance(n.value, ast.Call):
                name = dotted(n.value.func).rsplit(".", 1)[-1]
                if name in LOADERS:
                    loaded |= {t.id for t in n.targets if isinstance(t, ast.Name)}
        if len(loaded) < 2:
            return
        ordered = set()
        for n in nodes:  # a dict put in key order: `d = dict(sorted(d.items()))`, `d = sort_by_id(d)`
            if isinstance(n, ast.Assign) and (_sorts_items(n.value) or (
                    isinstance(n.value, ast.Call) and isinstance(n.value.func, ast.Name)
                    and n.value.func.id in self._sorting)):
                ordered |= {t.id for t in n.targets if isinstance(t, ast.Name)}
        arrays: dict[str, tuple[str, str, ast.Assign]] = {}
        for n in nodes:
            if isinstance(n, ast.Assign) and len(n.targets) == 1 and isinstance(n.targets[0], ast.Name):
                found = _values_root(n.value)
                if found and found[0] in loaded and found[0] not in ordered:
                    arrays[n.targets[0].id] = (found[0], found[1], n)
        if len(arrays) < 2:
            return
        reported: set[int] = set()
        for n in nodes:
            if isinstance(n, ast.Call):
                operands = list(n.args)
            elif isinstance(n, ast.BinOp):
                operands = [n.left, n.right]
            else:
                continue
            used = [o.id for o in operands if isinstance(o, ast.Name) and o.id in arrays]
            pairs = [(a, b) for a in used for b in used
                     if arrays[a][0] != arrays[b][0] and arrays[a][2].lineno < arrays[b][2].lineno]
            if not pairs:
                continue
            a, b = max(pairs, key=lambda pair: arrays[pair[1]][2].lineno)
            line = arrays[b][2].lineno
            if line in reported:
                continue
            reported.add(line)
            self.ctx.report(type(self), None, line=line,
                            fields={"first": a, "second": b, "first_dict": arrays[a][1], "second_dict": arrays[b][1],
                                    "used": n.lineno})

"""EVAL045: a per-item flag reset in a loop and recorded with each item's result, but never set."""
from __future__ import annotations

import libcst as cst

from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, notebook, valid
from hygiene.walk import scope_nodes, walk_scope


def _bool(expr: cst.BaseExpression) -> str | None:
    return expr.value if isinstance(expr, cst.Name) and expr.value in ("True", "False") else None


# The nodes `_bindings` reads a binding from.
_BINDING_KINDS = (cst.Assign, cst.AugAssign, cst.AnnAssign, cst.NamedExpr, cst.For, cst.CompFor, cst.WithItem,
                  cst.Global, cst.Nonlocal)


def _bindings(nodes: list[cst.CSTNode]) -> dict[str, list[cst.CSTNode]]:
    """Every binding of every name in the scope: assignments, augmented assignments, loop and
    `with` targets, unpackings, `global`/`nonlocal`."""
    found: dict[str, list[cst.CSTNode]] = {}
    for node in nodes:
        targets: list[cst.BaseExpression] = []
        if isinstance(node, cst.Assign):
            targets = [t.target for t in node.targets]
        elif isinstance(node, (cst.AugAssign, cst.AnnAssign, cst.NamedExpr)):
            targets = [node.target]
        elif isinstance(node, (cst.For, cst.CompFor)):
            targets = [node.target]
        elif isinstance(node, cst.WithItem) and node.asname is not None:
            targets = [node.asname.name]
        elif isinstance(node, (cst.Global, cst.Nonlocal)):
            for item in node.names:
                found.setdefault(item.name.value, []).append(node)
        while targets:
            t = targets.pop()
            if isinstance(t, cst.Name):
                found.setdefault(t.value, []).append(node)
            elif isinstance(t, (cst.Tuple, cst.List)):
                targets.extend(e.value for e in t.elements)
            elif isinstance(t, cst.StarredElement):
                targets.append(t.value)
    return found


class FlagNeverSet(Rule):
    """
    ## What it does
    Finds a flag that a loop resets for every item (`leak_info = False`), that is recorded with
    the item's result (`results[name] = {"leak_info": leak_info, "secret_judgment": judgments}`),
    and that no line ever sets otherwise: every binding of the name in the function, script or
    notebook gives it the same constant, and no `|=`, loop target or unpacking changes it. The
    per-item values recorded beside it are computed (the judgments parsed from the model), so the
    author meant the flag to follow them. A flag set to the other value on some branch
    (`if parsed: leak_info = True`), updated with `|=` or `any(...)`, or recorded alone, is left
    alone.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `leak_info = False` in the loop, `{'leak_info': leak_info, 'secret_judgment': secret_judgment}` (script) | yes | `leak_info \\|= parsed` in the inner loop |
    | `jailbroken = False` per prompt, `rows.append(dict(prompt=p, reply=r, jailbroken=jailbroken))` (function) | yes | `jailbroken = judge(r)` |
    | `solved = False` per task, `log.append({"task": t, "solved": solved, "output": out})` (notebook) | yes | `if passed: solved = True` |

    ## Why is this bad?
    Every item is recorded with the reset value, so the rate computed from the records (the share
    of leaking actions, of jailbroken prompts, of solved tasks) is 0 or 1 whatever the model did;
    the judgments that should have set it are in the same record, computed and never used.

    ## Example
        for s, o in zip(secrets, outputs):
            judgment.append((s, parse_leakage_judgment(o)))
        results[name] = {"leak_info": leak_info, "secret_judgment": judgment}

    Use instead:
        for s, o in zip(secrets, outputs):
            parsed = parse_leakage_judgment(o)
            judgment.append((s, parsed))
            leak_info |= parsed
        results[name] = {"leak_info": leak_info, "secret_judgment": judgment}
    """

    code = "EVAL045"
    category = "EVAL-ARGS"
    severity = Severity.ERROR
    message = ("`{flag}` is set to {value} for every item (line {line}) and never to anything else, yet each item's "
               "record stores it beside `{other}`: every record says {value}")
    question = "Should `{flag}` (recorded at {where}) be set from `{other}` for each item, rather than stay {value}?"
    triggers = ("True", "False")
    examples = [
        invalid("""
            import json

            def main(actions, secrets, outputs_of, args):
                name_to_result = {}
                for i in range(len(actions)):
                    output = outputs_of(i)
                    secret_judgment = []
                    leak_info = False
                    if len(output) == 0:
                        leak_info = False
                        secret_judgment = [(s, False) for s in secrets[actions[i]["name"]]]
                    else:
                        for s, o in zip(secrets[actions[i]["name"]], output):
                            secret_judgment.append((s, parse_leakage_judgment(o[0].text)))
                    name_to_result[actions[i]["name"]] = {"leak_info": leak_info, "secret_judgment": secret_judgment}  # expect: EVAL045
                leaked = sum(1 for v in name_to_result.values() if v["leak_info"])
                print(f"Info leakage rate: {leaked / len(name_to_result)}")
                json.dump(name_to_result, open(args.output_path, "w"))
        """),
        valid("""
            def main(actions, secrets, outputs_of):
                name_to_result = {}
                for i in range(len(actions)):
                    secret_judgment = []
                    leak_info = False
                    for s, o in zip(secrets[actions[i]["name"]], outputs_of(i)):
                        parsed = parse_leakage_judgment(o[0].text)
                        secret_judgment.append((s, parsed))
                        leak_info |= parsed
                    name_to_result[actions[i]["name"]] = {"leak_info": leak_info, "secret_judgment": secret_judgment}
                return name_to_result
        """, note="near miss: the flag follows the parsed judgments"),
        invalid("""
            def attack(prompts, model, judge):
                rows = []
                for p in prompts:
                    r = model(p)
                    verdict = judge(p, r)
                    jailbroken = False
                    rows.append(dict(prompt=p, reply=r, verdict=verdict, jailbroken=jailbroken))  # expect: EVAL045
                return sum(row["jailbroken"] for row in rows) / len(rows)
        """, note="a function: the record built with keywords"),
        invalid({"solve.ipynb": notebook(
            """
            log = []
            for t in tasks:
                out = run(t)
                solved = False
                log.append({"task": t, "solved": solved, "output": out})  # expect: EVAL045
            """,
            """
            print(sum(r["solved"] for r in log) / len(log))
            """,
        )}, note="notebook: a list of dict records"),
        valid({"solve.ipynb": notebook(
            """
            log = []
            for t in tasks:
                out = run(t)
                solved = False
                if check(out, t):
                    solved = True
                verbose = False
                log.append({"task": t, "solved": solved, "output": out})
                cfg = {"verbose": verbose}
            """,
        )}, note="near miss (notebook): the flag set on a branch; a constant recorded alone"),
    ]

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._scope(node.body)

    def visit_Module(self, node: cst.Module) -> None:
        self._scope(node)

    def _scope(self, root: cst.CSTNode) -> None:
        binds = _bindings(scope_nodes(root, _BINDING_KINDS))  # not every node of every scope (issue 12)
        constant: dict[str, tuple[str, cst.CSTNode]] = {}
        for name, where in binds.items():
            values = {(_bool(w.value) if isinstance(w, cst.Assign) and len(w.targets) == 1 else None) for w in where}
            if len(values) == 1 and None not in values:
                constant[name] = (values.pop(), where[0])
        if not constant:
            return
        for loop in scope_nodes(root, (cst.For, cst.While)):
            inside = list(walk_scope(loop.body))
            if not any(isinstance(n, cst.Assign) and len(n.targets) == 1 and isinstance(n.targets[0].target, cst.Name)
                       and n.targets[0].target.value in constant for n in inside):
                continue
            reset = {n.targets[0].target.value for n in inside if isinstance(n, cst.Assign) and len(n.targets) == 1
                     and isinstance(n.targets[0].target, cst.Name) and n.targets[0].target.value in constant}
            if not reset:
                continue
            inside_ids = {id(i) for i in inside}
            computed = {name for name, where in binds.items() if name not in constant
                        and any(id(w) in inside_ids for w in where)}
            computed |= {n.func.value.value for n in inside if isinstance(n, cst.Call)
                         and isinstance(n.func, cst.Attribute) and n.func.attr.value in ("append", "extend")
                         and isinstance(n.func.value, cst.Name)}
            for record in inside:
                entries = self._entries(record)
                if len(entries) < 2:
                    continue
                flags = [v for v in entries if v in reset]
                others = [v for v in entries if v in computed and v not in reset]
                if flags and others:
                    flag = flags[0]
                    value, first = constant[flag]
                    self.report(record, related=[Location(self.ctx.path, self.ctx.line_of(first), "the only value it gets")],
                                flag=flag, value=value, line=self.ctx.line_of(first) or "?", other=others[0])
                    return

    @staticmethod
    def _entries(node: cst.CSTNode) -> list[str]:
        """The names a record stores: a dict literal's values, or `dict(...)` / a record class's keywords."""
        if isinstance(node, cst.Dict):
            return [e.value.value for e in node.elements if isinstance(e, cst.DictElement) and isinstance(e.value, cst.Name)]
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and (node.func.value == "dict" or node.func.value[:1].isupper()):
            return [a.value.value for a in node.args if a.keyword is not None and isinstance(a.value, cst.Name)]
        return []

"""DATA057: a loop over records that stores each record's result under one literal key, so only the last survives."""
from __future__ import annotations

import re

import libcst as cst

from hygiene.analysis.strings import string_value
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, valid

# Keys that say only one entry is meant to be kept.
_ONE = re.compile(r"(?i)(?<![a-z])(last|latest|final|current|cur|best|prev|previous|first|tmp|temp|now)(?![a-z])")


_STEPS = frozenset({"epoch", "step", "it", "iteration", "t", "i", "_", "n_iter", "batch_idx", "epoch_idx"})


def _names(node: cst.CSTNode) -> set[str]:
    found: set[str] = set()

    class _Names(cst.CSTVisitor):
        def visit_Name(self, name: cst.Name) -> None:
            found.add(name.value)

    node.visit(_Names())
    return found


def _empty_mapping(expr: cst.BaseExpression) -> bool:
    if isinstance(expr, cst.Dict):
        return not expr.elements
    if isinstance(expr, cst.Call) and not expr.args:
        func = expr.func
        name = func.value if isinstance(func, cst.Name) else func.attr.value if isinstance(func, cst.Attribute) else ""
        return name in ("dict", "OrderedDict")
    return False


class LoopOverwritesOneKey(Rule):
    """
    ## What it does
    Finds a loop over several records that, on every pass, stores a value built from the record
    under the same literal key of a mapping created empty before the loop (`model_breakdown =
    {}`, then `for record in records: model_breakdown["model"] = {... record[...] ...}`), and
    the mapping is returned or used after the loop. The key was meant to be the record's own
    (`model_breakdown[record["model"]]`). A store under an `if`, a key that says one entry is
    meant (`"last"`, `"best"`, `"current"`), a value that reads the mapping itself (a running
    total), a mapping also stored into under a computed key, a mapping read inside the loop, and
    loops over `range(...)` or epochs and steps (where the last value is usually the one meant) are
    left alone.

    ## Why is this bad?
    Each record overwrites the previous one: the table, breakdown or summary holds only the last
    record, under a name that is not the record's. Every other model, task or seed is silently
    dropped from the results.

    ## Example
        model_breakdown = {}
        for record in df.to_dict(orient="records"):
            model_breakdown["model"] = {"few-shot": record["acc_few"], "zero-shot": record["acc_zero"]}
        return model_breakdown

    Use instead:
        model_breakdown = {}
        for record in df.to_dict(orient="records"):
            model_breakdown[record["model"]] = {"few-shot": record["acc_few"], "zero-shot": record["acc_zero"]}
        return model_breakdown
    """

    code = "DATA057"
    category = "DATA-DROP"
    severity = Severity.WARNING
    message = ("every pass of the loop over `{loop}` stores its result under the same key `{key}` of `{mapping}`, "
               "so only the last record is kept and the others are dropped")
    question = "Is `{mapping}[{key}]` at {where} meant to keep only the last record of the loop?"
    triggers = ("for ",)
    examples = [
        invalid("""
            import pandas as pd

            def get_ethics_scores(path, breakdown=False):
                df = pd.read_json(path, lines=True)
                if breakdown:
                    model_breakdown = {}
                    for record in df.to_dict(orient="records"):
                        model_breakdown["model"] = {  # expect: DATA057
                            "few-shot benchmark": record["acc_few"],
                            "zero-shot benchmark": record["acc_zero"],
                        }
                    return model_breakdown
                return df
        """),
        invalid("""
            import json

            results = dict()
            for seed in [0, 1, 2]:
                acc = run(seed)
                results["accuracy"] = acc  # expect: DATA057
            json.dump(results, open("results.json", "w"))
        """, note="module level: the accuracy of every seed written to one key"),
        valid("""
            def breakdown(records):
                model_breakdown = {}
                for record in records:
                    model_breakdown[record["model"]] = {"few-shot": record["acc_few"]}
                summary = {}
                for record in records:
                    if record["model"] == "gpt-4":
                        summary["model"] = record
                totals = {}
                for record in records:
                    totals["n"] = totals.get("n", 0) + record["n"]
                state = {}
                for step, loss in enumerate(losses):
                    state["last"] = {"step": step, "loss": loss}
                log = {}
                for epoch in range(10):
                    log["train_loss"] = train_one_epoch(epoch)
                return model_breakdown, summary, totals, state, log
        """, note="the record's own key, a store under an if, a running total, a key meant for one entry, epochs"),
        valid("""
            def cache_rows(rows, out):
                buffer = {}
                for row in rows:
                    buffer["row"] = row
                    out.write(format_row(buffer))
                return buffer
        """, note="the mapping is read inside the loop: a per-pass scratch buffer"),
    ]

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._empty: list[dict[str, cst.CSTNode]] = [{}]
        self._bodies: list[list[cst.CSTNode]] = [[]]

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._empty.append({})
        self._bodies.append([node.body])

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self._empty.pop()
        self._bodies.pop()

    def visit_Assign(self, node: cst.Assign) -> None:
        if len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name) and _empty_mapping(node.value):
            self._empty[-1][node.targets[0].target.value] = node

    def visit_For(self, node: cst.For) -> None:
        loop_names = _names(node.target)
        if not loop_names or not isinstance(node.body, cst.IndentedBlock):
            return
        if isinstance(node.iter, cst.Call) and isinstance(node.iter.func, cst.Name) and node.iter.func.value == "range":
            return  # epochs and steps: keeping the last value is the usual intent
        if loop_names <= _STEPS:
            return
        for statement in node.body.body:
            if not isinstance(statement, cst.SimpleStatementLine):
                continue
            for small in statement.body:
                found = self._one_key_store(small, node, loop_names)
                if found is not None:
                    mapping, key = found
                    self.report(small, loop=" ".join(self.ctx.code(node.iter).split()), key=f'"{key}"', mapping=mapping)

    def _one_key_store(self, small: cst.BaseSmallStatement, loop: cst.For,
                       loop_names: set[str]) -> tuple[str, str] | None:
        if not (isinstance(small, cst.Assign) and len(small.targets) == 1):
            return None
        target = small.targets[0].target
        if not (isinstance(target, cst.Subscript) and isinstance(target.value, cst.Name) and len(target.slice) == 1
                and isinstance(target.slice[0].slice, cst.Index)):
            return None
        mapping = target.value.value
        key = string_value(target.slice[0].slice.value)
        if key is None or mapping not in self._empty[-1] or _ONE.search(key):
            return None
        value_names = _names(small.value)
        if mapping in value_names or not value_names & (loop_names | _assigned_in(loop.body, loop_names)):
            return None
        # read anywhere in the loop other than this store: a per-pass buffer
        if _count_name(loop.body, mapping) != 1:
            return None
        scope = self._bodies[-1][-1] if self._bodies[-1] else self.ctx.module
        if _computed_key_store(scope, mapping):
            return None
        if _count_name(scope, mapping) <= 2:  # created and stored into, never used after
            return None
        return mapping, key


def _assigned_in(body: cst.CSTNode, loop_names: set[str]) -> set[str]:
    """Names assigned in the loop body from the loop's own names (`acc = run(seed)`)."""
    found: set[str] = set()

    class _Assigns(cst.CSTVisitor):
        def visit_Assign(self, node: cst.Assign) -> None:
            if _names(node.value) & loop_names:
                for target in node.targets:
                    found.update(_names(target.target))

    body.visit(_Assigns())
    return found


def _count_name(node: cst.CSTNode, name: str) -> int:
    count = [0]

    class _Count(cst.CSTVisitor):
        def visit_Name(self, found: cst.Name) -> None:
            if found.value == name:
                count[0] += 1

    node.visit(_Count())
    return count[0]


def _computed_key_store(node: cst.CSTNode, mapping: str) -> bool:
    found = [False]

    class _Stores(cst.CSTVisitor):
        def visit_AssignTarget(self, target: cst.AssignTarget) -> None:
            sub = target.target
            if isinstance(sub, cst.Subscript) and isinstance(sub.value, cst.Name) and sub.value.value == mapping \
                    and len(sub.slice) == 1 and isinstance(sub.slice[0].slice, cst.Index) \
                    and string_value(sub.slice[0].slice.value) is None:
                found[0] = True

    node.visit(_Stores())
    return found[0]

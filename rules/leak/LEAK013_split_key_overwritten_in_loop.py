"""LEAK013: inside a loop, the key a split is decided from is overwritten by the split's name."""
from __future__ import annotations

import libcst as cst

from hygiene.analysis.strings import string_value
from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, notebook, valid
from hygiene.walk import iter_nodes, scope_nodes

SPLIT_NAMES = frozenset({"train", "training", "test", "testing", "dev", "val", "valid", "validation", "eval", "heldout"})


def _unwrap(expr: cst.BaseExpression) -> cst.BaseExpression:
    """`str(fold)`, `int(fold)` -> `fold`."""
    while isinstance(expr, cst.Call) and isinstance(expr.func, cst.Name) and expr.func.value in ("str", "int") \
            and len(expr.args) == 1:
        expr = expr.args[0].value
    return expr


def _compared_names(test: cst.BaseExpression) -> set[str]:
    names: set[str] = set()
    for node in iter_nodes(test):
        if isinstance(node, cst.Comparison):
            for side in (node.left, *(c.comparator for c in node.comparisons)):
                side = _unwrap(side)
                if isinstance(side, cst.Name):
                    names.add(side.value)
    return names


def _split_assignments(block: cst.BaseSuite | None, name: str) -> list[str]:
    """The split names `block` assigns to `name` directly (`name = "test"`)."""
    found = []
    if block is None:
        return found
    for stmt in getattr(block, "body", ()):
        for small in getattr(stmt, "body", ()) if isinstance(stmt, cst.SimpleStatementLine) else ():
            if isinstance(small, cst.Assign) and len(small.targets) == 1 and \
                    isinstance(small.targets[0].target, cst.Name) and small.targets[0].target.value == name:
                text = string_value(small.value)
                if text and text.lower() in SPLIT_NAMES:
                    found.append(text)
    return found


class SplitKeyOverwrittenInLoop(Rule):
    """
    ## What it does
    Finds a loop that decides an item's split by comparing a key (a fold number, a split field)
    with the requested one, and stores the decision in the key's own variable
    (`if str(args.split) == str(dataset): dataset = "test" else: dataset = "train"`), while the
    variable is set before the loop and not set again at the start of every iteration. From the
    second iteration on the comparison is made against `"train"` or `"test"`, not against the key.

    | spelling | found | near miss left alone |
    |---|---|---|
    | key read before the loop over a query's sentences, overwritten by `"test"`/`"train"` inside it (function) | yes | key read again at the top of each iteration |
    | `if fold == k: fold = "test"` in a loop over rows (script, notebook) | yes | the decision stored in another variable (`role = "test" if ...`) |

    ## Why is this bad?
    After the first item every comparison is between a split name and a fold number, so the
    later items of a group all land in the same split whatever their fold: items of the test fold
    are trained on (or the other way round) and the test score is measured on data the model saw.
    Nothing fails and the split sizes look plausible.

    ## Example
        dataset = query["fold"]
        for sentence in query["sentences"]:
            if str(args.fold) == str(dataset):
                dataset = "test"
            else:
                dataset = "train"
            yield dataset, sentence

    Use instead:
        fold = query["fold"]
        for sentence in query["sentences"]:
            dataset = "test" if str(args.fold) == str(fold) else "train"
            yield dataset, sentence
    """

    code = "LEAK013"
    category = "LEAK-OVERLAP"
    severity = Severity.ERROR
    message = ("`{name}` is compared with the requested split and then overwritten with {values} inside the loop; "
               "from the second iteration on the comparison reads {values}, not the key set before the loop, so "
               "later items are assigned to a split whatever their own key")
    question = "Should the split decided from `{name}` at {where} go to another variable, so the next item compares its own key?"
    triggers = ("for ",)
    examples = [
        invalid("""
            def tagged_sentences(query, args):
                dataset = query["query-split"]
                for sent in query["sentences"]:
                    if not args.query_split:
                        dataset = sent["question-split"]
                    if args.split is not None:
                        if str(args.split) == str(dataset):  # expect: LEAK013
                            dataset = "test"
                        else:
                            dataset = "train"
                    yield dataset, sent["text"]
        """, note="real bug 11 (text2sql-data): the fold of a query replaced by its split name"),
        valid("""
            def tagged_sentences(query, args):
                dataset = query["query-split"]
                for sent in query["sentences"]:
                    if not args.query_split:
                        dataset = sent["question-split"]
                        if str(args.split) == str(dataset):
                            dataset = "test"
                        else:
                            dataset = "train"
                    yield dataset, sent["text"]
        """, note="near miss (the fix's shape): the key is read again on the way to every comparison"),
        valid("""
            def tagged_sentences(query, args):
                dataset = query["query-split"]
                if args.split is not None:
                    dataset = "test" if str(args.split) == str(dataset) else "train"
                for sent in query["sentences"]:
                    split = dataset if args.query_split else sent["question-split"]
                    yield split, sent["text"]
        """, note="the twin: decided once, outside the loop"),
        invalid({"folds.ipynb": notebook(
            """
            rows = load_rows()
            fold = rows[0]["fold"]
            """,
            """
            assigned = []
            for row in rows:
                if fold == TEST_FOLD:  # expect: LEAK013
                    fold = "test"
                assigned.append((fold, row))
            """,
        )}, note="notebook: one branch only"),
        valid("""
            assigned = []
            for row in rows:
                fold = row["fold"]
                if fold == TEST_FOLD:
                    fold = "test"
                assigned.append((fold, row))
        """, note="near miss: the key is read again at the top of every iteration"),
        valid("""
            fold = rows[0]["fold"]
            for row in rows:
                role = "test" if fold == TEST_FOLD else "train"
                print(role, row)
        """, note="near miss: the decision goes to another variable"),
    ]

    def visit_Module(self, node: cst.Module) -> None:
        self._scope(node)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._scope(node.body)

    def _scope(self, root: cst.CSTNode) -> None:
        # Assignments and loops only, in source order: the positions compared are theirs (issue 12:
        # not an `isinstance` per node of every scope).
        nodes = scope_nodes(root, (cst.Assign, cst.For, cst.While))
        before: dict[str, int] = {}  # name -> position of its first plain assignment
        for position, node in enumerate(nodes):
            if isinstance(node, cst.Assign):
                for t in node.targets:
                    if isinstance(t.target, cst.Name):
                        before.setdefault(t.target.value, position)
        if not before:
            return
        position_of = {id(n): i for i, n in enumerate(nodes)}
        for loop in nodes:
            if not isinstance(loop, (cst.For, cst.While)):
                continue
            start = position_of[id(loop)]
            keys = {name for name, first in before.items() if first < start}
            found = self._block(list(getattr(loop.body, "body", ())), keys, frozenset())
            if found is not None:
                node, name, values = found
                shown = " or ".join(f'`"{v}"`' for v in dict.fromkeys(values))
                self.report(node, related=[Location(self.ctx.path, self.ctx.line_of(loop), "the loop")],
                            name=name, values=shown)
                return

    def _block(self, stmts: list[cst.BaseStatement], keys: set[str], fresh: frozenset[str]
               ) -> tuple[cst.If, str, list[str]] | None:
        """The first `if` of `stmts` (nested blocks included) that compares a key set before the loop,
        not set again on the way to it in this iteration (`fresh`), and overwrites it with a split name."""
        for stmt in stmts:
            if isinstance(stmt, cst.SimpleStatementLine):
                for small in stmt.body:
                    targets = [t.target for t in small.targets] if isinstance(small, cst.Assign) else \
                        [small.target] if isinstance(small, (cst.AnnAssign, cst.AugAssign)) else []
                    fresh = fresh | {t.value for t in targets if isinstance(t, cst.Name)}
                continue
            if isinstance(stmt, cst.If):
                for name in sorted(_compared_names(stmt.test) & keys - fresh):
                    values = _split_assignments(stmt.body, name)
                    if isinstance(stmt.orelse, cst.Else):
                        values += _split_assignments(stmt.orelse.body, name)
                    if values:
                        return stmt, name, values
                found = self._block(list(getattr(stmt.body, "body", ())), keys, fresh)
                if found is None and isinstance(stmt.orelse, cst.If):  # `elif`: its own test too
                    found = self._block([stmt.orelse], keys, fresh)
                elif found is None and isinstance(stmt.orelse, cst.Else):
                    found = self._block(list(getattr(stmt.orelse.body, "body", ())), keys, fresh)
                if found is not None:
                    return found
                continue
            body = getattr(stmt, "body", None)
            if isinstance(body, cst.BaseSuite) and not isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
                found = self._block(list(getattr(body, "body", ())), keys, fresh)
                if found is not None:
                    return found
        return None

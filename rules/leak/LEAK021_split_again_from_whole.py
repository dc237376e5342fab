"""LEAK021: data split again from the whole after a test part was cut from it, the first remainder unused."""
from __future__ import annotations

import ast

import libcst as cst

from hygiene.analysis.dataflow.knowledge import name_role
from hygiene.analysis.stdast import module_scopes, module_tree, scope_nodes
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, notebook, valid

SPLITTERS = frozenset({"train_test_split"})


def _split(node: ast.AST) -> tuple[list[str], str] | None:
    """(target names, code of the data) of `a, b = train_test_split(data, ...)`."""
    if not (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.value, ast.Call)):
        return None
    func = node.value.func
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    target = node.targets[0]
    if name not in SPLITTERS or not node.value.args or not isinstance(target, (ast.Tuple, ast.List)):
        return None
    names = [t.id for t in target.elts if isinstance(t, ast.Name)]
    if len(names) != len(target.elts):
        return None
    return names, ast.unparse(node.value.args[0])


class SplitAgainFromWhole(Rule):
    """
    ## What it does
    Finds data split a second time from the whole after a test part was cut from it: `rest, test =
    train_test_split(data)` and then `train, valid = train_test_split(data)` on the same data, while
    the remainder of the first split (`rest`, the rows meant to be divided into train and validation)
    is never read. The second split should divide the remainder; divided from the whole, its
    training and validation parts hold test rows. A second split of the remainder, a remainder that
    is read, and two splits whose first has no test part are left alone.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `comp_train_all, comp_test = train_test_split(compounds)` then `comp_train, comp_valid = train_test_split(compounds)` (notebook) | yes | `train_test_split(comp_train_all)` |
    | the same two splits in a function, `X_rest` never read | yes | `X_rest` read after |

    ## Why is this bad?
    The test rows are trained on (and validated on), so the test score measures memorisation: the
    model has seen a share of the very items it is scored on, which the split was written to avoid.

    ## Example
        comp_train_all, comp_test = train_test_split(compounds, test_size=0.2, random_state=0)
        comp_train, comp_valid = train_test_split(compounds, test_size=0.2, random_state=1)

    Use instead:
        comp_train, comp_valid = train_test_split(comp_train_all, test_size=0.2, random_state=1)
    """

    code = "LEAK021"
    category = "LEAK-OVERLAP"
    severity = Severity.ERROR
    message = ("`{data}` is split again here after `{test}` was cut from it, and the remainder `{rest}` is never "
               "read: `{parts}` are drawn from all rows, test rows included")
    question = "Should this split at {where} divide `{rest}` (what is left after the test part) rather than `{data}`?"
    triggers = ("train_test_split",)
    examples = [
        invalid({"vle.ipynb": notebook(
            """
            from sklearn.model_selection import train_test_split
            train_comps, valid_comps, test_comps = [], [], []
            for cl in df["Class"].unique():
                compounds = df[df["Class"] == cl]["Name"].unique()
                comp_train_all, comp_test = train_test_split(compounds, test_size=0.2, random_state=0)
                comp_train, comp_valid = train_test_split(compounds, test_size=0.2, random_state=1)  # expect: LEAK021
                train_comps.extend(list(comp_train))
                valid_comps.extend(list(comp_valid))
                test_comps.extend(list(comp_test))
            """,
        )}, note="held-out real bugs 16 (MLCE_book): the validation split drawn from all compounds"),
        invalid("""
            from sklearn.model_selection import train_test_split

            def splits(X, y):
                X_rest, X_test, y_rest, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
                X_train, X_val, y_train, y_val = train_test_split(X, y, test_size=0.25, random_state=0)  # expect: LEAK021
                return X_train, X_val, X_test, y_train, y_val, y_test
        """),
        valid("""
            from sklearn.model_selection import train_test_split

            def splits(X, y, compounds):
                X_rest, X_test, y_rest, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
                X_train, X_val, y_train, y_val = train_test_split(X_rest, y_rest, test_size=0.25, random_state=0)
                a_train, a_test = train_test_split(compounds, random_state=0)
                b_train, b_test = train_test_split(compounds, random_state=1)
                print(len(a_train), len(b_train))
                return X_train, X_val, X_test, a_test, b_test
        """, note="near misses: the remainder split again, two whole splits whose remainders are read"),
    ]

    def visit_Module(self, node: cst.Module) -> None:
        if module_tree(self.ctx) is None:
            return
        for scope in module_scopes(self.ctx):
            nodes = scope_nodes(self.ctx, scope)
            splits = [(n, found) for n in nodes if (found := _split(n))]
            if len(splits) < 2:
                continue
            reads = [(n.id, n.lineno) for n in nodes if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)]
            for i, (first, (names, data)) in enumerate(splits):
                tests = [n for n in names if name_role(n) == "test"]
                rest = [n for n in names if name_role(n) != "test"]
                if not tests or not rest or any(name in rest for name, line in reads if line >= first.lineno):
                    continue
                for second, (names2, data2) in splits[i + 1:]:
                    if data2 == data and not set(names2) & set(names):
                        self.ctx.report(type(self), None, line=second.lineno,
                                        fields={"data": data, "test": tests[0], "rest": rest[0],
                                                "parts": ", ".join(names2)})
                        break

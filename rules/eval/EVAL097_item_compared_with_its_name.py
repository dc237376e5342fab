"""EVAL097: a loop's item (an object) compared with a name or string, where the same loop reads the item's `.name`."""
from __future__ import annotations

import ast

from hygiene.analysis.stdast import module_scopes, module_tree, scope_nodes, subtree
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, valid

# Attributes that identify an object by a string: reading one on the loop's item says the item is an
# object, not the string itself.
ID_ATTRS = frozenset({"name", "id", "key", "label", "title", "identifier", "uid", "slug", "model_name",
                      "model_id", "task_name", "display_name"})


def _str_names(f: ast.AST) -> set[str]:
    """Names a function knows hold a string: parameters and variables annotated `str` (or `Optional[str]`,
    `str | None`)."""
    found: set[str] = set()
    args = getattr(f, "args", None)
    params = [*args.posonlyargs, *args.args, *args.kwonlyargs] if args is not None else []
    for a in params:
        if a.annotation is not None and _is_str(a.annotation):
            found.add(a.arg)
    for n in subtree(f):
        if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name) and _is_str(n.annotation):
            found.add(n.target.id)
    return found


def _is_str(annotation: ast.AST) -> bool:
    text = ast.unparse(annotation).replace(" ", "")
    return text in ("str", "Optional[str]", "str|None", "None|str", "typing.Optional[str]")


class ItemComparedWithItsName(Rule):
    """
    ## What it does
    Finds a loop over objects (`for contestant in test_case.contestants:`) whose body reads an
    identifying attribute of the item (`contestant.name`, `.id`, `.key`, `.label`) and also compares
    the item itself with a string: a string literal, or a name the function declares a `str`
    (`winner: str`): `if winner == contestant:`. An object is never equal to its own name, so the
    test is always false (always true with `!=`): the branch meant for the matching item never
    runs. A comparison with the attribute (`winner == contestant.name`), a loop whose body reads no
    such attribute (its items may be strings), and names of unknown type are left alone.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `winner: str` parameter, `if winner == contestant:` in a loop that reads `contestant.name` | yes | `winner == contestant.name` |
    | `1 if winner == contestant else 0` and `passes += ...` in the same loop | yes | a loop over names (`for name in names: name == winner`) |
    | `if model == "gpt-4o":` in a loop that reads `model.name` | yes | `if model.name == "gpt-4o":` |

    ## Why is this bad?
    Every item counts as not matching: a winner is never credited, a model's row is never selected,
    every contestant is recorded as losing. The numbers are produced and look like results, but the
    comparison that should decide them never succeeds.

    ## Example
        def update_test_run_map(test_case, test_run_map, winner: str):
            for contestant in test_case.contestants:
                test_run = test_run_map.get(contestant.name)
                if winner == contestant:
                    test_run.test_passed += 1

    Use instead:
        def update_test_run_map(test_case, test_run_map, winner: str):
            for contestant in test_case.contestants:
                test_run = test_run_map.get(contestant.name)
                if winner == contestant.name:
                    test_run.test_passed += 1
    """

    code = "EVAL097"
    category = "EVAL-ARGS"
    severity = Severity.ERROR
    message = ("`{test}` compares the object `{item}` with {what}, while the loop reads `{item}.{attr}` (line {attr_line}): "
               "an object never equals its own {attr}, so the test is always {always}")
    question = "Should `{test}` at {where} compare with `{item}.{attr}`?"
    triggers = ("==", "!=")
    examples = [
        invalid("""
            def update_test_run_map(test_case, index, test_run_map, metric, winner: str, run_duration: float):
                for contestant in test_case.contestants:
                    test_run = test_run_map.get(contestant.name)
                    test_run.add_test_case(make_case(contestant.test_case, index))
                    if winner == contestant:  # expect: EVAL097
                        test_run.test_passed += 1
                    else:
                        test_run.test_failed += 1
                    test_run.scores.append(1 if winner == contestant else 0)
        """),
        valid("""
            def update_test_run_map(test_case, index, test_run_map, metric, winner: str, run_duration: float):
                for contestant in test_case.contestants:
                    test_run = test_run_map.get(contestant.name)
                    if winner == contestant.name:
                        test_run.test_passed += 1
                    test_run.scores.append(1 if winner == contestant.name else 0)

            def tally(names: list, winner: str):
                wins = {}
                for name in names:
                    wins[name] = int(name == winner)
                return wins
        """, note="near miss: the name compared with the item's name; a loop over names"),
        invalid("""
            for model in registry.models:
                print(model.name, model.params)
                if model == "gpt-4o":  # expect: EVAL097
                    baseline = model
        """, note="script: the item compared with a string literal"),
        valid("""
            for model in registry.models:
                print(model.name)
                if model.name == "gpt-4o":
                    baseline = model
            for row in rows:
                if row == previous:
                    continue
                print(row.id)
        """, note="near miss: the literal compared with the name; an item compared with a value of unknown type"),
    ]

    def visit_Module(self, node) -> None:
        tree = module_tree(self.ctx)
        if tree is None:
            return
        for scope in module_scopes(self.ctx):
            strs = _str_names(scope) if scope is not tree else set()
            for loop in scope_nodes(self.ctx, scope):
                if isinstance(loop, (ast.For, ast.AsyncFor)) and isinstance(loop.target, ast.Name):
                    self._loop(loop, strs)

    def _loop(self, loop: ast.AST, strs: set[str]) -> bool:
        item = loop.target.id
        inner = [n for s in loop.body for n in subtree(s)]
        attr = next((n for n in inner if isinstance(n, ast.Attribute) and n.attr in ID_ATTRS
                     and isinstance(n.value, ast.Name) and n.value.id == item and isinstance(n.ctx, ast.Load)), None)
        if attr is None:
            return False
        for n in inner:
            if not (isinstance(n, ast.Compare) and len(n.ops) == 1 and isinstance(n.ops[0], (ast.Eq, ast.NotEq))):
                continue
            sides = [n.left, n.comparators[0]]
            if not any(isinstance(s, ast.Name) and s.id == item for s in sides):
                continue
            other = next(s for s in sides if not (isinstance(s, ast.Name) and s.id == item))
            if isinstance(other, ast.Constant) and isinstance(other.value, str):
                what = f"the string {ast.unparse(other)}"
            elif isinstance(other, ast.Name) and other.id in strs:
                what = f"`{other.id}`, declared a `str`"
            else:
                continue
            self.ctx.report(type(self), None, line=n.lineno, fields={
                "test": ast.unparse(n), "item": item, "what": what, "attr": attr.attr, "attr_line": attr.lineno,
                "always": "false" if isinstance(n.ops[0], ast.Eq) else "true"})
            return True
        return False

"""EVAL096: a containment test turned around: the whole response searched for inside each short option."""
from __future__ import annotations

import ast

from hygiene.analysis.apis.torch import name_tokens
from hygiene.analysis.stdast import module_nodes, module_tree, walk_list
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, notebook, valid

# Words of a name that holds a model's whole free text.
LONG_WORDS = frozenset("text response responses reply replies completion completions generation generations "
                       "generated output outputs transcript content".split())
# Words of a name that holds a short thing to look for in such a text.
SHORT_WORDS = frozenset("option options choice choices keyword keywords word words phrase phrases candidate "
                        "candidates pattern patterns marker markers term terms token tokens label labels category "
                        "categories kw kws needle needles stopword stopwords refusal refusals".split())


def _words(node: ast.AST) -> set[str]:
    text = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else ""
    return set(name_tokens(text))


def _long(node: ast.AST) -> bool:
    words = _words(node)
    return bool(words & LONG_WORDS) and not words & SHORT_WORDS


def _short(node: ast.AST) -> bool:
    words = _words(node)
    return bool(words & SHORT_WORDS) and not words & LONG_WORDS


class ResponseSearchedInsideOption(Rule):
    """
    ## What it does
    Finds a containment test whose two sides are the wrong way round: the model's whole text (a name
    for free text: `text`, `response`, `reply`, `completion`, `output`) tested for being inside each
    item of a list of short things to look for (a name for them: `option`, `choice`, `keyword`,
    `phrase`, `marker`, `label`), as the item of a loop or comprehension over that list:
    `any(text in option for option in options)`, `[c for c in choices if response in c]`,
    `for kw in keywords: if reply in kw:`. It asks whether the response is a piece of an option,
    which a response longer than the option never is. The test the other way round
    (`option in text`), a membership test in the list itself (`text in options`), and names that
    say nothing of which side is long are left alone.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `return any(text in option for option in options)` in a verifier | yes | `any(option in text for option in options)` |
    | `[c for c in choices if response in c]` (script) | yes | `response in choices` |
    | `for kw in refusal_keywords: if reply in kw: refused = True` (notebook) | yes | `if kw in reply:` |

    ## Why is this bad?
    Every response longer than the option it should contain is scored as not containing it: a reward
    or a grader built on the test gives no credit to correct answers written as a sentence, and only
    bare one-word replies (or empty ones, which are inside every option) pass. The score measures
    how short the replies are, not whether they are right.

    ## Example
        def validate_choice(text: str, options: list) -> bool:
            return any(text in option for option in options)

    Use instead:
        def validate_choice(text: str, options: list) -> bool:
            return any(option in text for option in options)
    """

    code = "EVAL096"
    category = "EVAL-ARGS"
    severity = Severity.ERROR
    message = ("`{test}` tests whether the whole `{long}` is inside `{item}`, one of `{items}`: the sides are the "
               "wrong way round, so a `{long}` longer than the `{item}` it contains is never counted")
    question = "Should `{test}` at {where} be `{item} in {long}`?"
    triggers = (" in ",)
    examples = [
        invalid("""
            def validate_choice(text: str, options: list) -> bool:
                return any(text in option for option in options)  # expect: EVAL096
        """),
        valid("""
            def validate_choice(text: str, options: list) -> bool:
                return any(option in text for option in options)

            def known_reply(response, choices):
                return response in choices
        """, note="near miss: the option searched in the text; a membership test in the list itself"),
        invalid("""
            choices = ["Paris", "London", "Rome"]
            response = ask(model, question)
            picked = [c for c in choices if response in c]  # expect: EVAL096
            print(len(picked) == 1)
        """, note="script: a list comprehension's filter"),
        invalid({"refusals.ipynb": notebook(
            """
            refusal_keywords = ["I cannot", "I'm sorry", "As an AI"]
            """,
            """
            refused = 0
            for reply in replies:
                for kw in refusal_keywords:
                    if reply in kw:  # expect: EVAL096
                        refused += 1
                        break
            print(refused / len(replies))
            """,
        )}, note="notebook: a nested loop's test"),
        valid({"refusals.ipynb": notebook(
            """
            refusal_keywords = ["I cannot", "I'm sorry", "As an AI"]
            refused = sum(any(kw in reply for kw in refusal_keywords) for reply in replies)
            for item in items:
                if item in seen:
                    continue
            """,
        )}, note="near miss: the keyword searched in the reply; names that say nothing of which side is long"),
    ]

    def visit_Module(self, node) -> None:
        tree = module_tree(self.ctx)
        if tree is None:
            return
        self._seen: set[int] = set()
        for n in module_nodes(self.ctx):
            if isinstance(n, (ast.GeneratorExp, ast.ListComp, ast.SetComp)):
                for gen in n.generators:
                    self._loop(gen.target, gen.iter, [n.elt, *gen.ifs])
            elif isinstance(n, (ast.For, ast.AsyncFor)):
                self._loop(n.target, n.iter, n.body)

    def _loop(self, target: ast.AST, over: ast.AST, body: list[ast.AST]) -> None:
        if not isinstance(target, ast.Name):
            return
        item = target.id
        if not (_short(target) or _short(over)):
            return
        for part in body:
            for n in walk_list(part):
                if not (isinstance(n, ast.Compare) and len(n.ops) == 1 and isinstance(n.ops[0], (ast.In, ast.NotIn))):
                    continue
                left, right = n.left, n.comparators[0]
                if isinstance(right, ast.Name) and right.id == item and _long(left) and n.lineno not in self._seen:
                    self._seen.add(n.lineno)
                    self.ctx.report(type(self), None, line=n.lineno, fields={
                        "test": ast.unparse(n), "long": ast.unparse(left), "item": item, "items": ast.unparse(over)})
                    return

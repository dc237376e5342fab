"""PROMPT075: a prompt built with a setting's default where the object's configured setting was meant."""
from __future__ import annotations

import ast

from hygiene.analysis.apis.torch import name_tokens
from hygiene.analysis.stdast import module_nodes, module_tree, subtree
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, notebook, valid

# Words of a setting that shapes what the model is shown or how its answer is read.
PROMPT_WORDS = frozenset("""
prompt prompts template templates formatter format system instruction instructions shots shot examples demos
demonstrations persona prefix suffix separator answer
""".split())


def _fields(cls: ast.ClassDef) -> dict[str, ast.AST]:
    """The settings an instance is configured with and their defaults: dataclass fields
    (`answer_formatter: Formatter = spelling_formatter()`) and `__init__` parameters stored as
    `self.<name> = <name>`."""
    found: dict[str, ast.AST] = {}
    for stmt in cls.body:
        if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value is not None:
            found[stmt.target.id] = stmt.value
        if isinstance(stmt, ast.FunctionDef) and stmt.name == "__init__":
            args = stmt.args.args[-len(stmt.args.defaults):] if stmt.args.defaults else []
            stored = {t.attr for n in subtree(stmt) if isinstance(n, ast.Assign) for t in n.targets
                      if isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) and t.value.id == "self"
                      and isinstance(n.value, ast.Name) and n.value.id == t.attr}
            found.update({a.arg: d for a, d in zip(args, stmt.args.defaults) if a.arg in stored})
    return found


class PromptSettingDefaultOverField(Rule):
    """
    ## What it does
    Finds a class configured with a prompt setting (a dataclass field or an `__init__` parameter kept
    as `self.<name>`: `answer_formatter`, `template`, `system_prompt`, `few_shot_examples`) that a
    method passes to the prompt-building call as the setting's default instead:
    `create_icl_prompt(word, answer_formatter=spelling_formatter())` beside the field
    `answer_formatter: Formatter = spelling_formatter()`, while `self.answer_formatter` is read
    nowhere in the class. A call given `self.answer_formatter`, a setting read elsewhere in the class,
    and a value other than the default are left alone.

    | spelling | found | near miss left alone |
    |---|---|---|
    | field `answer_formatter: Formatter = spelling_formatter()`, call `answer_formatter=spelling_formatter()` | yes | `answer_formatter=self.answer_formatter` |
    | `def __init__(self, template=DEFAULT): self.template = template`, call `build_prompt(x, template=DEFAULT)` | yes | `self.template` read in another method |
    | field `system_prompt: str = SYSTEM`, call `make_messages(q, system_prompt=SYSTEM)` | yes | `system_prompt=OTHER_SYSTEM` |

    ## Why is this bad?
    Whoever configures the object (`SpellingGrader(answer_formatter=first_letter_formatter())`)
    sees the setting accepted and the run finish; every prompt is still built, and every answer
    graded, with the default. The experiment meant to vary the setting compares the default with
    itself, and the figures are labelled with the setting that was never used.

    ## Example
        @dataclass
        class SpellingGrader:
            answer_formatter: Formatter = spelling_formatter()

            def grade_words(self, words):
                return [create_icl_prompt(w, answer_formatter=spelling_formatter()) for w in words]

    Use instead:
                return [create_icl_prompt(w, answer_formatter=self.answer_formatter) for w in words]
    """

    code = "PROMPT075"
    category = "PROMPT-UNFILLED"
    severity = Severity.ERROR
    message = ("`{call}` is given `{keyword}={value}`, the default of the setting `{keyword}`, and `self.{keyword}` "
               "is read nowhere in `{cls}`: a configured `{keyword}` never reaches the prompt")
    question = "Should `{call}` at {where} be given `self.{keyword}` rather than its default `{value}`?"
    triggers = ("prompt", "template", "format", "system", "instruction", "shot", "example")
    examples = [
        invalid("""
            from dataclasses import dataclass
            from .prompting import Formatter, create_icl_prompt, spelling_formatter

            @dataclass
            class SpellingGrader:
                model: object
                icl_word_list: list
                base_template: str = "{word}:"
                answer_formatter: Formatter = spelling_formatter()

                def grade_words(self, words):
                    prompts = [
                        create_icl_prompt(
                            word,
                            examples=self.icl_word_list,
                            base_template=self.base_template,
                            answer_formatter=spelling_formatter(),  # expect: PROMPT075
                        )
                        for word in words
                    ]
                    return [self.model(p) for p in prompts]
        """),
        valid("""
            from dataclasses import dataclass
            from .prompting import Formatter, create_icl_prompt, spelling_formatter

            @dataclass
            class SpellingGrader:
                model: object
                icl_word_list: list
                base_template: str = "{word}:"
                answer_formatter: Formatter = spelling_formatter()

                def grade_words(self, words):
                    prompts = [
                        create_icl_prompt(
                            word,
                            examples=self.icl_word_list,
                            base_template=self.base_template,
                            answer_formatter=self.answer_formatter,
                        )
                        for word in words
                    ]
                    return [self.model(p) for p in prompts]
        """, note="near miss: the fix, the configured setting"),
        invalid({"judge.ipynb": notebook(
            "SYSTEM = 'You are a strict grader.'",
            "class Judge:\n    def __init__(self, client, system_prompt=SYSTEM):\n        self.client = client\n"
            "        self.system_prompt = system_prompt\n\n    def score(self, answer):\n"
            "        messages = build_messages(answer, system_prompt=SYSTEM)  # expect: PROMPT075\n"
            "        return self.client.chat(messages)",
        )}),
        valid("""
            SYSTEM = "You are a strict grader."
            LENIENT = "You are a lenient grader."

            class Judge:
                def __init__(self, client, system_prompt=SYSTEM, template="{answer}"):
                    self.client = client
                    self.system_prompt = system_prompt
                    self.template = template

                def score(self, answer):
                    messages = build_messages(answer, system_prompt=LENIENT, template="{answer}")
                    return self.client.chat(messages, template=self.template)
        """, note="near misses: another value than the default, and a setting read elsewhere in the class"),
    ]

    def visit_Module(self, node) -> None:
        if module_tree(self.ctx) is None:
            return
        for cls in (n for n in module_nodes(self.ctx) if isinstance(n, ast.ClassDef)):
            fields = {k: v for k, v in _fields(cls).items() if PROMPT_WORDS & set(name_tokens(k))}
            if not fields:
                continue
            read = {n.attr for n in subtree(cls) if isinstance(n, ast.Attribute) and isinstance(n.ctx, ast.Load)
                    and isinstance(n.value, ast.Name) and n.value.id == "self"}
            for method in (s for s in cls.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))
                           and s.name != "__init__"):
                for call in (n for n in subtree(method) if isinstance(n, ast.Call)):
                    for keyword in call.keywords:
                        default = fields.get(keyword.arg or "")
                        if default is None or keyword.arg in read or ast.unparse(keyword.value) != ast.unparse(default):
                            continue
                        self.ctx.report(type(self), None, line=keyword.value.lineno, fields={
                            "call": ast.unparse(call.func), "keyword": keyword.arg,
                            "value": ast.unparse(keyword.value), "cls": cls.name})

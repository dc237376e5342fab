"""PROMPT013: a template rebound to its own rendering inside a loop, so later items reuse the first item's text."""
from __future__ import annotations

import ast

import libcst as cst

from hygiene.analysis.stdast import module_nodes, module_tree, subtree
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, valid

# Methods that fill a template with values: str.format / format_map, string.Template's, jinja2's and
# langchain's render and format calls, and template classes' own fill methods.
FILLERS = frozenset({"format", "format_map", "substitute", "safe_substitute", "render", "embed_inputs", "fill",
                     "format_prompt", "fill_template", "apply"})
LOOPS = (ast.For, ast.AsyncFor, ast.While)
NESTED = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda) + LOOPS


def _own_statements(loop: ast.AST) -> list[ast.AST]:
    """The statements a loop runs itself (inside ifs, withs and trys), not those of a nested loop or function."""
    found = []
    todo = list(loop.body)
    while todo:
        node = todo.pop(0)
        found.append(node)
        if isinstance(node, NESTED):
            continue
        for field in ("body", "orelse", "finalbody", "handlers"):
            todo.extend(getattr(node, field, []) or [])
    return found


def _stored(node: ast.AST) -> set[str]:
    names = set()
    for n in subtree(node):
        if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store):
            names.add(n.id)
    return names


def _reads(node: ast.AST) -> set[str]:
    return {n.id for n in subtree(node) if isinstance(n, ast.Name)}


def _key(node: ast.AST) -> str:
    """`prompt`, `self.prompt`: a name or an attribute of a name; "" otherwise."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return f"{node.value.id}.{node.attr}"
    return ""


def _assigned_keys(statements: list[ast.AST]) -> list[str]:
    keys = []
    for s in statements:
        targets = s.targets if isinstance(s, ast.Assign) else [s.target] if isinstance(s, (ast.AnnAssign,
                                                                                         ast.AugAssign)) else []
        keys += [_key(t) for t in targets]
    return keys


class TemplateOverwrittenInLoop(Rule):
    """
    ## What it does
    Finds a prompt template rebound to its own rendering inside a loop over items:
    `prompt = prompt.format(question=q)`, `template = template.render(**row)`,
    `system_message = system_message.embed_inputs(inputs)`, `self.prompt =
    self.prompt.substitute(...)`, or `prompt = prompt.replace("{question}", q)` with the same
    placeholder each time, where the values change from one iteration to the next and nothing in
    the loop sets the template again. A rendering into another name (`text =
    template.format(...)`), a template reset at the top of the loop, `replace` calls that fill a
    different placeholder each time (a loop over one template's fields) and clean-ups with fixed
    arguments (`text = text.replace("\\n", " ")`) are left alone.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `system_message = system_message.embed_inputs(prompt_inputs)` in a loop over outputs | yes | `rendered = system_message.embed_inputs(...)` |
    | `prompt = prompt.format(question=row["q"])` in a loop over rows | yes | `prompt = TEMPLATE` at the loop's top first |
    | `prompt = prompt.replace("{question}", q)` | yes | `for k, v in fields.items(): prompt = prompt.replace("{" + k + "}", v)` |

    A checklist question by default (`--select PROMPT013` makes it a finding; session 2026-12-08 s): on the
    precision corpus all 3 of its findings were false: a rebinding that is meant to accumulate (a pandas
    Styler's chained highlighting per column, a text-processing pipeline applied step after step, a synonym
    substitution that mutates one sentence word by word). Nothing in the code tells these from a template
    overwritten by its first rendering, and no labelled case of the development benchmark, the own cases or
    the blind probes depends on it.

    ## Why is this bad?
    After the first iteration the name holds the filled text, not the template. Filling it again
    finds no placeholder left (or a template object is now a string and is no longer rendered), so
    every later item is sent the first item's prompt. The model answers questions it was never
    asked, and the scores are computed against the wrong items without any error.

    ## Example
        for lm_output, task_input in zip(lm_outputs, task_inputs):
            if not isinstance(system_message, str):
                system_message = system_message.embed_inputs(task_input)
            messages.append([{"role": "system", "content": system_message}, ...])

    Use instead:
        for lm_output, task_input in zip(lm_outputs, task_inputs):
            rendered = system_message if isinstance(system_message, str) else system_message.embed_inputs(task_input)
            messages.append([{"role": "system", "content": rendered}, ...])
    """

    code = "PROMPT013"
    default = "question"  # none real on the precision corpus: see the docs
    category = "PROMPT-UNFILLED"
    severity = Severity.ERROR
    message = ("`{name}` is rebound to its own rendering (`{call}`) inside the loop, so from the second item on "
               "it holds the first item's text: every later item gets the first item's prompt")
    question = "Should `{call}` render into a new name, so that `{name}` stays the template for the next item?"
    triggers = ("format", "render", "substitute", "embed_inputs", "replace", "fill", "apply")
    examples = [
        invalid("""
            def prepare_chat_input_for_evaluator(lm_outputs, task_inputs_list, prompt_template, system_message=None):
                evaluator_input_list = []
                for lm_output, task_input in zip(lm_outputs, task_inputs_list):
                    prompt_inputs = {"lm_output": lm_output, **task_input}
                    messages = [{"role": "user", "content": prompt_template.embed_inputs(prompt_inputs)}]
                    if system_message:
                        if not isinstance(system_message, str):
                            system_message = system_message.embed_inputs(prompt_inputs)  # expect: PROMPT013
                        messages.insert(0, {"role": "system", "content": system_message})
                    evaluator_input_list.append(messages)
                return evaluator_input_list
        """),
        invalid("""
            PROMPT = "Question: {question}\\nAnswer:"

            def ask(client, rows):
                prompt = PROMPT
                answers = []
                for row in rows:
                    prompt = prompt.format(question=row["question"])  # expect: PROMPT013
                    answers.append(client(prompt))
                return answers

            class Judge:
                def __init__(self, template):
                    self.template = template

                def run(self, items, llm):
                    for item in items:
                        self.template = self.template.replace("{answer}", item.answer)  # expect: PROMPT013
                        llm(self.template)
        """),
        valid("""
            PROMPT = "Question: {question}\\nAnswer:"

            def ask(client, rows, fields, template):
                answers = []
                for row in rows:
                    text = PROMPT.format(question=row["question"])
                    answers.append(client(text))
                for row in rows:
                    prompt = PROMPT
                    prompt = prompt.format(question=row["question"])
                    answers.append(client(prompt))
                prompt = template
                for key, value in fields.items():
                    prompt = prompt.replace("{" + key + "}", value)
                for line in rows:
                    line = line.replace("\\n", " ")
                    body = template
                    body = body.replace("  ", " ")
                return answers, prompt
        """, note="near misses: rendered into another name, reset each iteration, one template's fields "
                  "filled one by one, clean-ups with fixed arguments"),
    ]

    def visit_Module(self, node: cst.Module) -> None:
        if module_tree(self.ctx) is None:
            return
        for loop in module_nodes(self.ctx):
            if not isinstance(loop, LOOPS):
                continue
            statements = _own_statements(loop)
            varying = _stored(loop.target) if isinstance(loop, (ast.For, ast.AsyncFor)) else set()
            for s in statements:
                if not isinstance(s, NESTED):
                    varying |= _stored(s)
            keys = _assigned_keys(statements)
            for s in statements:
                if not (isinstance(s, ast.Assign) and len(s.targets) == 1 and isinstance(s.value, ast.Call)):
                    continue
                name, call = _key(s.targets[0]), s.value
                func = call.func
                if not name or not isinstance(func, ast.Attribute) or _key(func.value) != name:
                    continue
                if keys.count(name) != 1:
                    continue  # the loop sets the template again (a reset at its top)
                args = list(call.args) + [k.value for k in call.keywords]
                if func.attr == "replace":
                    if len(call.args) < 2 or _reads(call.args[0]) & varying or not _reads(call.args[1]) & varying:
                        continue
                elif func.attr not in FILLERS or not any(_reads(a) & (varying - {name}) for a in args):
                    continue
                self.ctx.report(type(self), None, line=s.lineno,
                                fields={"name": name, "call": f"{name}.{func.attr}(...)"})

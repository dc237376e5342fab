"""PROMPT007: a triple-quoted prompt template that opens or closes with one quote too many."""
from __future__ import annotations

import re

import libcst as cst

from hygiene.analysis.apis.torch import name_tokens
from hygiene.analysis.strings import string_value, template_fields
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, valid, notebook

# Text that only a prompt has: chat-format markers and speaker turns.
_CHAT_MARKERS = re.compile(r"<\|[a-z_]+\|>|\[/?INST\]|<</?SYS>>|<start_of_turn>|^#{2,4} ?(Instruction|Response|Input)"
                           r"|^(Human|Assistant|USER|ASSISTANT|User|System):", re.MULTILINE)
_PROMPT_WORDS = frozenset({"prompt", "prompts", "template", "templates", "instruction", "instructions", "system",
                           "message", "messages", "chat", "preamble", "persona"})


class StrayQuoteInTemplate(Rule):
    """
    ## What it does
    Finds a triple-quoted prompt or chat template whose text starts with a lone quote character:
    `\"\"\"\"<|begin_of_text|>...` (four quotes) makes the text begin with `"`. The
    literal's quotes of that kind must be odd in number, so a quotation the author meant
    (`\"\"\"\"Yes\" or \"No\"? ...\"\"\"`) is left alone, and the text must be a prompt: it has `{fields}` or
    chat markers (`<|eot_id|>`, `[INST]`, `### Response:`, `Human:`), or its name says so
    (`CHAT_TEMPLATE`, `system_prompt`). Docstrings are not prompts.

    ## Why is this bad?
    Every prompt built from the template starts with a stray `"` the model was never trained to
    see before its chat header. Completions, refusal rates and
    the activations read at the last token shift, and nothing fails: the text prints almost as
    intended.

    ## Example
        CHAT_TEMPLATE = \"\"\"\"<|start_header_id|>user<|end_header_id|>

        {instruction}<|eot_id|><|start_header_id|>assistant<|end_header_id|>
        \"\"\"

    Use instead:
        CHAT_TEMPLATE = \"\"\"<|start_header_id|>user<|end_header_id|>

        {instruction}<|eot_id|><|start_header_id|>assistant<|end_header_id|>
        \"\"\"
    """

    code = "PROMPT007"
    category = "PROMPT-UNFILLED"
    severity = Severity.ERROR
    message = "the template {name}opens with a stray `{quote}` (four quotes): every prompt made from it starts with that character"
    question = "Is the `{quote}` at the start of the template at {where} meant to reach the model?"
    examples = [
        invalid('''
            LLAMA3_CHAT_TEMPLATE = """"<|begin_of_text|><|start_header_id|>user<|end_header_id|>

            {instruction}<|eot_id|><|start_header_id|>assistant<|end_header_id|>

            """
        ''', expect=[("example.py", 1, "PROMPT007")]),
        invalid("""
            def build(question):
                system_prompt = ''''You are a careful grader. Answer with one word.'''  # expect: PROMPT007
                return [{"role": "system", "content": system_prompt}, {"role": "user", "content": question}]
        """, note="single quotes, in a function, found by its name"),
        valid('''
            QUESTION_TEMPLATE = """"Yes" or "No": is the statement below true?

            {statement}
            """
        ''', note="near miss: a quotation the author meant, its quotes balanced"),
        valid('''
            def helper():
                """"Raw" strings are kept as they are."""
                return 1

            SQL = """"select 1"""
        ''', note="near miss: a docstring; a string that is not a prompt"),
        valid('''
            TEMPLATE = """<|start_header_id|>user<|end_header_id|>

            {instruction}<|eot_id|>"""
        '''),
        invalid({
            "judge/templates.py": '''
                GRADER = """"Compare the response with the reference answer.

                Reference: {reference}
                Response: {response}
                Reply with CORRECT or INCORRECT."""
            ''',
            "judge/grade.py": '''
                from openai import OpenAI
                from judge.templates import GRADER

                client = OpenAI()

                class Grader:
                    def grade(self, reference, response):
                        content = GRADER.format(reference=reference, response=response)
                        out = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": content}])
                        return out.choices[0].message.content.strip() == "CORRECT"
            ''',
        }, expect=[("judge/templates.py", 1, "PROMPT007")],
           note="across modules: the template with four opening quotes in one module, filled and sent by a class of another"),
        valid({
            "judge/templates.py": '''
                GRADER = """Compare the response with the reference answer.

                Reference: {reference}
                Response: {response}
                Reply with CORRECT or INCORRECT."""
            ''',
            "judge/grade.py": '''
                from openai import OpenAI
                from judge.templates import GRADER

                client = OpenAI()

                class Grader:
                    def grade(self, reference, response):
                        content = GRADER.format(reference=reference, response=response)
                        out = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": content}])
                        return out.choices[0].message.content.strip() == "CORRECT"
            ''',
        }, note="near miss: the same layout, three quotes"),
        invalid({"steer.ipynb": notebook(
            """
            from transformers import AutoTokenizer
            tok = AutoTokenizer.from_pretrained("meta-llama/Meta-Llama-3-8B-Instruct")
            """,
            '''
            chat_template = """"<|start_header_id|>user<|end_header_id|>

            {instruction}<|eot_id|><|start_header_id|>assistant<|end_header_id|>
            """
            ''',
            """
            prompts = [chat_template.format(instruction=x) for x in harmful_instructions]
            batch = tok(prompts, return_tensors="pt", padding=True)
            """,
        )}, expect=[("steer.ipynb", 3, "PROMPT007")],
           note="notebook: the chat template in its own cell with a quote too many; used in the next cell"),
        valid({"steer.ipynb": notebook(
            """
            from transformers import AutoTokenizer
            tok = AutoTokenizer.from_pretrained("meta-llama/Meta-Llama-3-8B-Instruct")
            """,
            '''
            chat_template = """<|start_header_id|>user<|end_header_id|>

            {instruction}<|eot_id|><|start_header_id|>assistant<|end_header_id|>
            """
            ''',
            """
            prompts = [chat_template.format(instruction=x) for x in harmful_instructions]
            batch = tok(prompts, return_tensors="pt", padding=True)
            """,
        )}, note="near miss: the same cells without the stray quote"),
    ]

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        raw = node.value
        body = raw.lstrip("rRbBuU")
        if body[:3] not in ('"""', "'''") or len(body) < 7:
            return
        quote = body[0]
        value = string_value(node)
        if not value or value.count(quote) % 2 == 0:
            return
        if not value.startswith(quote):
            return  # a closing quote too many does not parse
        parent = self.ctx.parents[-1] if self.ctx.parents else None
        if isinstance(parent, cst.Expr):
            return  # a docstring or a bare literal
        name = _assigned_name(self.ctx.parents)
        if not (template_fields(value) or _CHAT_MARKERS.search(value) or (name and set(name_tokens(name)) & _PROMPT_WORDS)):
            return
        self.report(node, name=f"`{name}` " if name else "", quote=quote)


def _assigned_name(parents: list[cst.CSTNode]) -> str | None:
    for parent in reversed(parents):
        if isinstance(parent, cst.Assign) and len(parent.targets) == 1:
            target = parent.targets[0].target
            if isinstance(target, cst.Name):
                return target.value
            if isinstance(target, cst.Attribute):
                return target.attr.value
            return None
        if isinstance(parent, cst.AnnAssign) and isinstance(parent.target, cst.Name):
            return parent.target.value
        if isinstance(parent, (cst.SimpleStatementLine, cst.FunctionDef, cst.ClassDef)):
            return None
    return None

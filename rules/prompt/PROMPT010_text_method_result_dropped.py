"""PROMPT010: a text method called as a statement, its result dropped, on text that becomes a prompt."""
from __future__ import annotations

import libcst as cst

from hygiene.analysis.apis.torch import name_tokens
from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, notebook, valid
from hygiene.walk import walk_scope

# Methods of `str` that return a new string and change nothing: called as a statement, they do nothing.
TEXT_METHODS = frozenset({
    "replace", "strip", "lstrip", "rstrip", "lower", "upper", "format", "format_map", "removeprefix",
    "removesuffix", "capitalize", "title", "casefold", "swapcase", "expandtabs", "zfill", "center", "ljust",
    "rjust", "translate",
})
# Of those, the ones no common non-text type has (bytes aside): their result is text.
STR_ONLY_METHODS = TEXT_METHODS - {"replace", "translate", "center", "ljust", "rjust"}
# Words of a name or function that say the text is (part of) what a model is sent.
PROMPT_WORDS = frozenset({
    "prompt", "prompts", "question", "questions", "query", "queries", "instruction", "instructions", "message",
    "messages", "context", "system", "template", "input", "text", "content", "user", "chat", "request", "problem",
    "passage", "doc", "preamble", "prefix", "suffix",
})


def _texty(expr: cst.BaseExpression | None) -> bool:
    """Whether `expr` evidently makes a string: a literal, an f-string, `str(...)`, a method only text
    has (`doc["question"].strip()`, `.lower()`, `.format(...)`), `"sep".join(...)`, `.replace` of text
    or with text arguments, or a sum with one of those."""
    if expr is None:
        return False
    if isinstance(expr, (cst.SimpleString, cst.ConcatenatedString)):
        value = expr.value if isinstance(expr, cst.SimpleString) else ""
        return value.lstrip("rRuU")[:1] not in ("b", "B")
    if isinstance(expr, cst.FormattedString):
        return True
    if isinstance(expr, cst.Call):
        func = expr.func
        if isinstance(func, cst.Name):
            return func.value == "str"
        if not isinstance(func, cst.Attribute):
            return False
        method, receiver = func.attr.value, func.value
        if isinstance(receiver, cst.Attribute) and receiver.attr.value == "str":
            return False  # pandas' `.str` accessor returns a column
        if method == "join":
            return isinstance(receiver, (cst.SimpleString, cst.ConcatenatedString))
        if method == "replace":
            literal = [a for a in expr.args[:2] if isinstance(a.value, (cst.SimpleString, cst.FormattedString))]
            return _texty(receiver) or (len(expr.args) >= 2 and len(literal) == 2)
        return method in STR_ONLY_METHODS
    if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Add):
        return _texty(expr.left) or _texty(expr.right)
    return False


def _text_method_statement(stmt: cst.Expr) -> tuple[str, cst.Call] | None:
    """(receiver name, call) for `name.replace(...)` written as a statement."""
    call = stmt.value
    if not isinstance(call, cst.Call) or not isinstance(call.func, cst.Attribute):
        return None
    if call.func.attr.value not in TEXT_METHODS or not isinstance(call.func.value, cst.Name):
        return None
    if any(arg.keyword is not None and arg.keyword.value == "inplace" for arg in call.args):
        return None  # pandas' `frame.replace(..., inplace=True)` changes the frame
    return call.func.value.value, call


def _concat_statement(stmt: cst.Expr) -> tuple[str, cst.BinaryOperation] | None:
    """(name, expression) for `name + "text"` (or `"text" + name`) written as a statement: a joined string
    nothing keeps, where `name += "text"` was meant."""
    expr = stmt.value
    if not (isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Add)):
        return None
    for name, other in ((expr.left, expr.right), (expr.right, expr.left)):
        if isinstance(name, cst.Name) and _texty(other):
            return name.value, expr
    return None


class TextMethodResultDropped(Rule):
    """
    ## What it does
    Finds a text method (`replace`, `strip`, `lower`, `format`, `removeprefix`, ...) called as a
    statement on a name that holds text (`question.replace(MARKER, "")`), in a function or script
    that goes on to use that name as (part of) a prompt: the name or the function is named for what
    a model is sent (`question`, `prompt`, `doc_to_text`, `build_query`), and the name is read after
    the call. Strings cannot change: the call returns the edited text and nothing keeps it, so the
    text used afterwards is the one the call was meant to edit. The text is known by what the name
    holds: a literal, an f-string, `str(...)`, another text method's result
    (`doc["question"].strip()`), or text added to it (`question += "\\n" + options`). Calls that keep
    their result, `inplace=True` (pandas), names that hold no evident text, a name never read after
    the call, and a bare expression at the top level of a notebook cell (which displays the result)
    are left alone.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `question.replace(MARKER, "")` in `doc_to_text`, then `return f"{pre}{question}{post}"` | yes | `question = question.replace(...)` |
    | `prompt.strip()` in a script before `client.chat.completions.create(...)` | yes | the name never read again |
    | `text.format(name=n)` on a literal template, the template sent later (class method) | yes | `frame.replace(..., inplace=True)` |
    | `RAG_TEMPLATE.format(context=c, question=q)` on a template imported from another module, then `RAG_TEMPLATE` sent | yes | `prompt = RAG_TEMPLATE.format(...)` |
    | `grade.lower()` where `grade` comes from a call of unknown type | no | evident text only |
    | `formatted_prompt + "<|im_end|>\\n"` as a statement in a chat-template builder, `formatted_prompt += ...` after | yes | `formatted_prompt += "<|im_end|>\\n"` |

    The same holds for a concatenation written as a statement (`prompt + "\\n"` where `prompt += "\\n"`
    was meant): the joined string is made and dropped.

    ## Why is this bad?
    The prompt still holds what the call was meant to remove or change: a dataset's own answer
    instruction stays next to the configured one, a placeholder stays unfilled, whitespace or case
    differs from what the author believes. Every item is affected the same way and nothing fails,
    so the scores of the whole benchmark move without a trace.

    ## Example
        def doc_to_text(doc, post_prompt):
            question = doc["question"].strip()
            question.replace("Answer with the letter only.", "")
            return f"{question}\\n{post_prompt}"

    Use instead:
        def doc_to_text(doc, post_prompt):
            question = doc["question"].strip()
            question = question.replace("Answer with the letter only.", "")
            return f"{question}\\n{post_prompt}"
    """

    code = "PROMPT010"
    category = "PROMPT-UNFILLED"
    severity = Severity.ERROR
    message = ("`{call}` returns the edited text and nothing keeps it (strings do not change): `{name}` is used "
               "unchanged at line {used}, so the prompt still holds what the call was meant to {verb}")
    question = "Should the result of `{call}` at {where} be kept (`{name} = {call}`) before `{name}` is used?"
    triggers = (".replace(", ".strip(", ".lower(", ".upper(", ".format(", ".rstrip(", ".lstrip(", ".remove",
                ".capitalize(", ".title(", ".casefold(", ".translate(", ".format_map(", " + ")
    examples = [
        invalid("""
            class QwenHandler:
                def _format_prompt(self, messages):
                    formatted_prompt = ""
                    for idx, message in enumerate(messages):
                        if message["role"] == "tool":
                            formatted_prompt += f"<|im_start|>user\\n<tool_response>\\n{message['content']}\\n</tool_response>"
                            if idx == len(messages) - 1 or messages[idx + 1]["role"] != "tool":
                                formatted_prompt + "<|im_end|>\\n"  # expect: PROMPT010
                        else:
                            formatted_prompt += f"<|im_start|>{message['role']}\\n{message['content']}<|im_end|>\\n"
                    formatted_prompt += "<|im_start|>assistant\\n"
                    return formatted_prompt
        """, note="real bugs 20 (BFCL): a chat template's closing tag joined as a statement, where `+=` was meant"),
        valid("""
            class QwenHandler:
                def _format_prompt(self, messages):
                    formatted_prompt = ""
                    for idx, message in enumerate(messages):
                        formatted_prompt += f"<|im_start|>{message['role']}\\n{message['content']}"
                        formatted_prompt += "<|im_end|>\\n"
                    total = len(formatted_prompt) + 1
                    formatted_prompt += "<|im_start|>assistant\\n"
                    return formatted_prompt, total
        """, note="near miss: the closing tag added with `+=`; a sum that is kept"),
        invalid("""
            REPLACE_PROMPT = "Please answer directly with only the letter of the correct option."

            def doc_to_text(doc, kwargs=None):
                kwargs = kwargs or {}
                question = doc["question"].strip()
                if kwargs.get("post_prompt"):
                    question.replace(REPLACE_PROMPT, "")  # expect: PROMPT010
                return f"{kwargs.get('pre_prompt', '')}{question}{kwargs.get('post_prompt', '')}"
        """),
        valid("""
            REPLACE_PROMPT = "Please answer directly with only the letter of the correct option."

            def doc_to_text(doc, kwargs=None):
                kwargs = kwargs or {}
                question = doc["question"].strip()
                if kwargs.get("post_prompt"):
                    question = question.replace(REPLACE_PROMPT, "")
                return f"{kwargs.get('pre_prompt', '')}{question}{kwargs.get('post_prompt', '')}"
        """, note="near miss: the result kept"),
        invalid("""
            from openai import OpenAI

            client = OpenAI()

            class Asker:
                def ask(self, item, tag):
                    prompt = "Question: {question}\\nAnswer:"
                    prompt += "\\n(" + tag + ")"
                    prompt.format(question=item["question"])  # expect: PROMPT010
                    reply = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": prompt}])
                    return reply.choices[0].message.content
        """, note="a method of a class: a template filled by `.format` as a statement, the unfilled template sent"),
        valid("""
            import pandas as pd

            def clean(frame):
                frame.replace("?", None, inplace=True)
                text = frame["question"].str.cat(sep="\\n")
                return text

            def build_prompt(question, grade):
                grade.lower()
                question.strip()
                return "Q: " + question
        """, note="near miss: pandas' replace in place; names whose text is not evident (parameters)"),
        valid("""
            def build_prompt(item):
                prompt = "Q: " + item["question"]
                prompt.strip()
        """, note="near miss: the name is never read after the call"),
        invalid({
            "rag/prompts.py": 'RAG_TEMPLATE = "Context:\\n{context}\\n\\nQuestion: {question}"\n',
            "rag/answer.py": """\
                from rag.prompts import RAG_TEMPLATE

                def answer(question, context):
                    RAG_TEMPLATE.format(context=context, question=question)  # expect: PROMPT010
                    return llm.chat.completions.create(model="m", messages=[{"role": "user", "content": RAG_TEMPLATE}])
                """,
        }, note="probe 15: `.format(...)` with arguments exists on text only, whatever module bound the template"),
        valid({
            "rag/prompts.py": 'RAG_TEMPLATE = "Context:\\n{context}\\n\\nQuestion: {question}"\n',
            "rag/answer.py": """\
                from rag.prompts import RAG_TEMPLATE

                def answer(question, context):
                    prompt = RAG_TEMPLATE.format(context=context, question=question)
                    return llm.chat.completions.create(model="m", messages=[{"role": "user", "content": prompt}])
                """,
        }, note="near miss: the filled text is kept and sent"),
        invalid({"ask.ipynb": notebook(
            """
            import anthropic
            client = anthropic.Anthropic()
            """,
            """
            system_prompt = open("system.txt").read() + "\\n"
            system_prompt = system_prompt + "Be brief."
            def ask(q):
                text = "Question: " + q + "\\n"
                text.rstrip()
                return client.messages.create(model="claude-3-5-sonnet-latest", max_tokens=64, system=system_prompt,
                                              messages=[{"role": "user", "content": text}])
            """,
        )}, expect=[("ask.ipynb", 7, "PROMPT010")],
           note="notebook: a function in a cell strips the question text as a statement"),
        valid({"ask.ipynb": notebook(
            """
            prompt = "Question: " + "What is 2 + 2?" + "  "
            """,
            """
            prompt.strip()
            """,
        )}, note="near miss: a bare expression at the top of a notebook cell displays its result"),
    ]

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._scope(node.body, node.name.value)

    def visit_Module(self, node: cst.Module) -> None:
        if self.ctx.notebook is None and self.ctx.kind != "notebook":
            self._scope(node, "")

    def _scope(self, body: cst.CSTNode, function: str) -> None:
        nodes = list(walk_scope(body))
        texts: set[str] = set()
        for n in nodes:
            if isinstance(n, cst.Assign) and _texty(n.value):
                texts.update(t.target.value for t in n.targets if isinstance(t.target, cst.Name))
            elif isinstance(n, cst.AnnAssign) and isinstance(n.target, cst.Name) and _texty(n.value):
                texts.add(n.target.value)
            elif isinstance(n, cst.AugAssign) and isinstance(n.target, cst.Name) and isinstance(n.operator, cst.AddAssign) \
                    and _texty(n.value):
                texts.add(n.target.value)
        # `.format(...)` / `.format_map(...)` with arguments exists on text only: its receiver holds text
        # wherever it was bound (a template constant imported from another module).
        texts.update(found[0] for n in nodes if isinstance(n, cst.Expr) and (found := _text_method_statement(n))
                     and found[1].func.attr.value in ("format", "format_map") and found[1].args)
        if not texts:
            return
        words_of_function = set(name_tokens(function))
        for index, n in enumerate(nodes):
            if not isinstance(n, cst.Expr):
                continue
            found = _text_method_statement(n) or _concat_statement(n)
            if found is None or found[0] not in texts:
                continue
            name, call = found
            if not (set(name_tokens(name)) | words_of_function) & PROMPT_WORDS:
                continue
            later = next((m for m in nodes[index + 1:] if isinstance(m, cst.Name) and m.value == name
                          and not _is_call_receiver(m, call)), None)
            if later is None:
                continue
            used = self.ctx.line_of(later)
            related = [Location(self.ctx.path, used, f"`{name}` used unchanged")] if used else []
            if isinstance(call, cst.BinaryOperation):
                self.report(n, related=related, call=self.ctx.code(call).strip(), name=name, used=used or "?",
                            message=("`{call}` makes a new string and nothing keeps it (strings do not change): `{name}` "
                                     "is used unchanged at line {used}, so the prompt never gets what the `+` adds"),
                            question="Should `{call}` at {where} be `{name} += ...`?")
                continue
            verb = {"replace": "replace", "format": "fill", "format_map": "fill"}.get(call.func.attr.value, "change")
            self.report(n, related=related, call=self.ctx.code(call).strip(), name=name, used=used or "?", verb=verb)


def _is_call_receiver(name: cst.Name, call: cst.Call | cst.BinaryOperation) -> bool:
    if isinstance(call, cst.BinaryOperation):
        return name is call.left or name is call.right
    return isinstance(call.func, cst.Attribute) and call.func.value is name

"""DATA069: a retry decorator around a model call that, when every attempt failed, returns a value like a reply."""
from __future__ import annotations

import libcst as cst

from hygiene.analysis.apis.llm import calls_model
from hygiene.analysis.strings import string_value
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, valid
from hygiene.walk import iter_nodes

_RETRY = frozenset({"tenacity.retry", "tenacity.Retrying"})


class RetryGiveUpReturnsReply(Rule):
    """
    ## What it does
    Finds a function that calls a model under tenacity's `@retry(..., retry_error_callback=...)`
    whose callback returns a value rather than `None` or raising: a canned reply (`"I'm sorry, I
    can't help with that."`), an empty string, a score, a verdict. When every attempt has failed
    (a rate limit that outlasts the waits, a timeout, a content filter's error), the decorated
    function returns that value as if the model had said it, and whatever reads the replies counts
    it: as a refusal, an empty answer, a wrong answer, a "safe" verdict.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `retry_error_callback=lambda state: FALLBACK` with `FALLBACK = "I'm sorry, ..."` | yes | `lambda state: None`, then the `None`s counted |
    | `retry_error_callback=lambda s: ""` | yes | no callback: tenacity raises `RetryError` |
    | `retry_error_callback=give_up` where `def give_up(state): return "ERROR"` | yes | a callback that logs and re-raises |

    ## Why is this bad?
    A failed request is not the model's answer. Returned as a reply it moves the measured rate by
    however many requests failed, which differs between models, providers and days, and nothing in
    the output says how many there were.

    ## Example
        @retry(stop=stop_after_attempt(4), retry_error_callback=lambda state: "I cannot help with that.")
        def chat(prompt): ...

    Use instead:
        @retry(stop=stop_after_attempt(4), retry_error_callback=lambda state: None)
        def chat(prompt): ...   # and count the Nones apart
    """

    code = "DATA069"
    category = "DATA-DEFAULT"
    severity = Severity.ERROR
    message = ("`{fn}` returns {value} when every retry of its model call failed (`retry_error_callback`): failed "
               "requests reach the results as replies{counted}, uncounted")
    question = "How many calls of `{fn}` failed every retry, and what did the results count them as?"
    triggers = ("retry_error_callback",)
    examples = [
        invalid("""
            from anthropic import Anthropic
            from tenacity import retry, stop_after_attempt

            client = Anthropic()
            SORRY = "I'm sorry, I can't help with that."

            @retry(stop=stop_after_attempt(3), retry_error_callback=lambda state: SORRY)  # expect: DATA069
            def ask(prompt):
                msg = client.messages.create(model="claude-3-5-haiku-latest", max_tokens=300,
                                             messages=[{"role": "user", "content": prompt}])
                return msg.content[0].text
        """, note="lead probe 3: a canned refusal returned when every attempt failed"),
        valid("""
            from anthropic import Anthropic
            from tenacity import retry, stop_after_attempt

            client = Anthropic()

            @retry(stop=stop_after_attempt(3), retry_error_callback=lambda state: None)
            def ask(prompt):
                msg = client.messages.create(model="claude-3-5-haiku-latest", max_tokens=300,
                                             messages=[{"role": "user", "content": prompt}])
                return msg.content[0].text
        """, note="near miss: a failed call is None, for the caller to count"),
        invalid("""
            import tenacity
            from openai import OpenAI

            client = OpenAI()

            def give_up(state):
                return ""

            @tenacity.retry(wait=tenacity.wait_random_exponential(max=60), stop=tenacity.stop_after_attempt(6),
                            retry_error_callback=give_up)  # expect: DATA069
            def complete(messages):
                return client.chat.completions.create(model="gpt-4o", messages=messages).choices[0].message.content
        """, note="the callback a function of the file that returns an empty reply"),
        valid("""
            from tenacity import retry, stop_after_attempt

            @retry(stop=stop_after_attempt(3), retry_error_callback=lambda state: {})
            def fetch_metadata(url):
                import requests
                return requests.get(url, timeout=10).json()
        """, note="near miss: no model call behind the retry (a metadata download)"),
    ]

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self._constants: dict[str, str] = {}  # module-level NAME = <literal> -> its code
        self._returns: dict[str, str] = {}  # a function of the file whose body returns only a literal -> its code

    def visit_Module(self, node: cst.Module) -> None:
        for statement in node.body:
            if isinstance(statement, cst.SimpleStatementLine):
                for small in statement.body:
                    if isinstance(small, cst.Assign) and len(small.targets) == 1 \
                            and isinstance(small.targets[0].target, cst.Name) and _literal(small.value) is not None:
                        self._constants[small.targets[0].target.value] = _literal(small.value) or ""
            elif isinstance(statement, cst.FunctionDef):
                returns = [n for n in iter_nodes(statement.body) if isinstance(n, cst.Return)]
                values = {_literal(r.value) if r.value is not None else "None" for r in returns}
                if len(values) == 1 and None not in values:
                    self._returns[statement.name.value] = values.pop() or ""

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        for decorator in node.decorators:
            call = decorator.decorator
            if not isinstance(call, cst.Call) or self.ctx.names.qualified_name(call.func) not in _RETRY:
                continue
            given = next((a for a in call.args if a.keyword is not None and a.keyword.value == "retry_error_callback"), None)
            value = self._given_back(given.value) if given is not None else None
            if value is None or value == "None":
                continue
            if not any(isinstance(n, cst.Call) and calls_model(self.ctx, n) for n in iter_nodes(node.body)):
                continue
            text = string_value(cst.parse_expression(value)) if value[:1] in "'\"" else None
            counted = ""
            if text is not None and not text.strip():
                counted = " (an empty reply, which refusal and answer parsers read as a class)"
            elif text is not None and any(w in text.lower() for w in ("sorry", "can't", "cannot", "won't", "unable")):
                counted = " (a refusal, for any refusal classifier)"
            self.report(given, fn=node.name.value, value=f"`{value}`"[:80], counted=counted)

    def _given_back(self, callback: cst.BaseExpression) -> str | None:
        """The code of what the callback returns when it is a literal or a constant of the file, else None."""
        if isinstance(callback, cst.Lambda):
            body = callback.body
            if isinstance(body, cst.Name) and body.value in self._constants:
                return self._constants[body.value]
            return _literal(body)
        if isinstance(callback, cst.Name):
            return self._returns.get(callback.value)
        return None


def _literal(expr: cst.BaseExpression | None) -> str | None:
    """The code of a literal value (a string, a number, None, an empty or literal container), else None."""
    if expr is None:
        return None
    if isinstance(expr, cst.Name) and expr.value in ("None", "True", "False"):
        return expr.value
    if isinstance(expr, (cst.SimpleString, cst.ConcatenatedString, cst.Integer, cst.Float)):
        return cst.Module([]).code_for_node(expr)
    if isinstance(expr, cst.UnaryOperation) and isinstance(expr.expression, (cst.Integer, cst.Float)):
        return cst.Module([]).code_for_node(expr)
    if isinstance(expr, (cst.Dict, cst.List, cst.Tuple)) and all(
            _literal(e.value) is not None for e in getattr(expr, "elements", []) if isinstance(e, cst.BaseElement)):
        return cst.Module([]).code_for_node(expr)
    return None

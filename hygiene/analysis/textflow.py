"""Where a string goes in one file: filled, sent to a model, returned, or handed on.

Prompt rules ask of a string (a literal, or a name holding one) what becomes of it. `TextFlow`
answers by climbing from an expression through what keeps its text whole (`+`, f-string fields,
containers such as a `messages` list, `.strip()`, `"\\n".join`, subscripts of a container holding
it) to the first thing that decides:

- FORMATTED: `.format(...)`, `.format_map`, `%`, `.replace`, `.substitute`: the fields are filled (not `%`
  on a text with `{fields}` and no %-conversion, which returns it unchanged);
- SENT: an argument of a model call (`hygiene.analysis.apis.llm`), of a function of this file that wraps
  one and does not itself format that parameter, or of a tokenizer;
- RETURNED: `return` (the caller decides);
- ESCAPES: anything else that may fill it (any other call, an attribute, a `yield`, ...);
- inert uses (`print`, `len`, logging) are dropped.

An assignment to a name is followed to the reads that see it (`hygiene.analysis.scopes`), so the common
`prompt = prompt.format(...)` rebinding is understood; an argument of a function of this file is
followed into that function.

Built once per file on demand (`TextFlow.of(ctx)`), only when a rule has a candidate, so files
without one pay nothing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import libcst as cst

from hygiene.analysis.apis import plain
from hygiene.analysis.apis.llm import NON_TEXT_KWARGS, model_call
from hygiene.analysis.names import dotted
from hygiene.analysis.scopes import ScopeIndex
from hygiene.analysis.strings import percent_keeps_braces, string_value

if TYPE_CHECKING:
    from hygiene.context import FileContext

FORMATTED, SENT, RETURNED, ESCAPES = "formatted", "sent", "returned", "escapes"

FORMAT_METHODS = frozenset({"format", "format_map", "replace", "substitute", "safe_substitute"})
# Methods and functions whose result still holds the text it was given.
TEXT_KEEPING_METHODS = frozenset({"strip", "lstrip", "rstrip", "lower", "upper", "capitalize", "title",
                                  "casefold", "expandtabs", "removeprefix", "removesuffix", "encode"})
TEXT_KEEPING_CALLS = frozenset({"builtins.str", "textwrap.dedent", "inspect.cleandoc", "textwrap.indent",
                                "builtins.list", "builtins.tuple", "builtins.dict", "copy.copy", "copy.deepcopy"})
INERT_CALLS = frozenset({"builtins.print", "builtins.len", "builtins.isinstance", "builtins.repr", "builtins.hash",
                         "builtins.id", "builtins.type", "builtins.bool"})
LOG_METHODS = frozenset({"debug", "info", "warning", "warn", "error", "exception", "critical", "log"})
CONTAINER_ADDS = frozenset({"append", "extend", "insert"})
# Attributes that hold the text a request sends (inspect's `state.user_prompt`, a request's `system_prompt`).
# Keyword arguments that hand a client, an agent or a request its instructions.
PROMPT_KEYWORD = re.compile(r"system_prompt|system_instruction|system_message|instructions|preamble")
PROMPT_ATTRIBUTE = re.compile(r"(user_|system_)?prompt|system_message|instructions")
TOKENIZER_METHODS = frozenset({"apply_chat_template", "encode", "encode_plus", "batch_encode_plus", "tokenize"})
# Chat message classes whose text is sent as it stands (inspect's `ChatMessageSystem(content=...)`, LangChain's
# `SystemMessage(...)` / `HumanMessage(...)`): not templates, which are filled later (`...PromptTemplate`).
MESSAGE_CLASS = re.compile(r"ChatMessage(System|User|Assistant)?|(System|Human|AI|User|Assistant)Message")


@dataclass(frozen=True)
class Destination:
    kind: str
    node: cst.CSTNode  # the call, return or other node that decided


class TextFlow:
    def __init__(self, ctx: FileContext) -> None:
        self.ctx = ctx
        self.scopes = ScopeIndex.of(ctx)

    @classmethod
    def of(cls, ctx: FileContext) -> TextFlow:
        flow = ctx.memo.get("textflow")
        if flow is None:
            flow = ctx.memo["textflow"] = cls(ctx)
        return flow

    def destinations(self, node: cst.CSTNode, _seen: set[int] | None = None) -> list[Destination]:
        """Where the text of `node` (an expression in this file) ends up."""
        seen = _seen if _seen is not None else set()
        if id(node) in seen:
            return []
        seen.add(id(node))
        child = node
        parent = self.scopes.parent.get(id(node))
        while parent is not None:
            step = self._step(child, parent, seen)
            if isinstance(step, list):
                return step
            child, parent = parent, self.scopes.parent.get(id(parent))
        return []

    def _step(self, child: cst.CSTNode, parent: cst.CSTNode, seen: set[int]) -> list[Destination] | None:
        """None to keep climbing from `parent`, else the destinations decided here."""
        if isinstance(parent, (cst.ConcatenatedString, cst.FormattedStringExpression, cst.FormattedString,
                               cst.Element, cst.List, cst.Tuple, cst.Set, cst.StarredElement,
                               cst.BooleanOperation, cst.Index, cst.SubscriptElement)):
            return None
        if isinstance(parent, (cst.ListComp, cst.GeneratorExp, cst.SetComp)):
            return None if parent.elt is child else []  # `[build(x) for x in items]` holds each text
        if isinstance(parent, cst.IfExp):
            return [] if parent.test is child else None
        if isinstance(parent, cst.DictElement):
            return None if parent.value is child else []
        if isinstance(parent, (cst.Dict, cst.StarredDictElement)):
            return None
        if isinstance(parent, cst.BinaryOperation):
            if isinstance(parent.operator, cst.Modulo) and parent.left is child:
                if percent_keeps_braces(self._text_of(child)):
                    return None  # `"{q}" % {"q": q}`: no %-conversion, the text comes back as it was
                return [Destination(FORMATTED, parent)]
            return None if isinstance(parent.operator, cst.Add) else []
        if isinstance(parent, cst.Subscript):
            return None if parent.value is child else []
        if isinstance(parent, cst.Attribute):
            if parent.value is not child:
                return []
            call = self.scopes.parent.get(id(parent))
            method = parent.attr.value
            if isinstance(call, cst.Call) and call.func is parent:
                if method in FORMAT_METHODS:
                    return [Destination(FORMATTED, call)]
                if method in TEXT_KEEPING_METHODS:
                    return self.destinations(call, seen)
                if method in TOKENIZER_METHODS:
                    return [Destination(SENT, call)]
                if method in ("startswith", "endswith", "count", "find", "index", "split", "splitlines"):
                    return []
            return [Destination(ESCAPES, parent)]
        if isinstance(parent, cst.Arg):
            call = self.scopes.parent.get(id(parent))
            if isinstance(call, cst.Call) and parent.value is child:
                return self._call(call, parent, seen)
            return []
        if isinstance(parent, cst.Return):
            return [Destination(RETURNED, parent)]
        if isinstance(parent, cst.AugAssign) and parent.target is child:
            return []  # `x += ...` reads x only to keep its text in x: the carrier chain follows it
        if isinstance(parent, (cst.Assign, cst.AnnAssign, cst.AugAssign, cst.NamedExpr)) and getattr(parent, "value", None) is child:
            return self._assigned(parent, seen)
        if isinstance(parent, (cst.Expr, cst.Comparison, cst.ComparisonTarget, cst.If, cst.While, cst.Assert,
                               cst.UnaryOperation)):
            return []
        return [Destination(ESCAPES, parent)]

    def _text_of(self, expr: cst.BaseExpression) -> str | None:
        """The text of a string literal, or of a name bound once (in its scope or the module's) to one."""
        if isinstance(expr, cst.Name):
            for scope in (self.scopes.scope_of(expr), self.scopes.module):
                bound = self.scopes.bindings.get((id(scope), expr.value), [])
                if bound:
                    node = bound[0].node
                    return string_value(node.value) if len(bound) == 1 and isinstance(node, cst.Assign) else None
            return None
        return string_value(expr)

    def _call(self, call: cst.Call, arg: cst.Arg, seen: set[int]) -> list[Destination]:
        func = call.func
        name = self.scopes.resolve(call, func)
        keyword = arg.keyword.value if arg.keyword is not None else None
        if isinstance(func, cst.Attribute) and func.attr.value == "join" and arg is call.args[0]:
            return self.destinations(call, seen)
        if name in TEXT_KEEPING_CALLS:
            return self.destinations(call, seen)
        if name in INERT_CALLS or (isinstance(func, cst.Attribute) and func.attr.value in LOG_METHODS):
            return []
        if model_call(name, call):
            return [] if keyword in NON_TEXT_KWARGS else [Destination(SENT, call)]
        target = self.scopes.local_function(call)
        if target is not None:
            return self._through(call, arg, target, seen)
        if isinstance(func, cst.Attribute) and func.attr.value in CONTAINER_ADDS and isinstance(func.value, cst.Name):
            return self._into_container(func.value, seen)
        if keyword is not None and PROMPT_KEYWORD.fullmatch(keyword):
            # `Agent("openai:gpt-4o", system_prompt="...")`, `assistants.create(instructions=...)`,
            # `GenerateContentConfig(system_instruction=...)`, `co.chat(preamble=...)`: the text a client or an
            # agent will send with every request
            return [Destination(SENT, call)]
        written = plain(name) if name else (dotted(func) or "") if isinstance(func, (cst.Name, cst.Attribute)) else ""
        tail = written.rsplit(".", 1)[-1]
        if MESSAGE_CLASS.fullmatch(tail) and (keyword in ("content", "text") or (keyword is None and arg is call.args[0])):
            # `state.messages.insert(0, ChatMessageSystem(content="You are a {specialty} ..."))`: the message
            # object carries its text to the model as written
            return [Destination(SENT, call)]
        # (`tok(prompt)` with `tok = AutoTokenizer.from_pretrained(...)`: calling the tokenizer object a maker returned)
        if tail in TOKENIZER_METHODS or "tokenizer" in tail.lower() or (name or "").endswith("()") and "tokenizer" in written.lower():
            counted = self._counted(call)
            return [] if counted else [Destination(SENT, call)]  # tokenized text goes to a local model
        return [Destination(ESCAPES, call)]

    def sent_by_callers(self, function: cst.FunctionDef, calls: list[cst.Call]) -> cst.Call | None:
        """The model call that sends what `function` returns, when every caller among `calls` (this
        file's) sends it as it is: none formats it, returns it or hands it elsewhere."""
        return self.sent_by([call for call in calls if self.scopes.local_function(call) is function])

    def sent_by(self, calls: list[cst.Call]) -> cst.Call | None:
        """The model call that sends what `calls` return, when every one sends it as it is."""
        sent = None
        for call in calls:
            for dest in self.destinations(call):
                if dest.kind in (FORMATTED, ESCAPES, RETURNED):
                    return None
                if dest.kind == SENT and sent is None and isinstance(dest.node, cst.Call):
                    sent = dest.node
        return sent

    def _into_container(self, receiver: cst.Name, seen: set[int]) -> list[Destination]:
        """`messages.append({...})`: the text goes where the list goes (its other reads after the
        binding that this read sees), or escapes when the list is not bound here (a parameter)."""
        scope = self.scopes.scope_of(receiver)
        own = sorted(self.scopes.bindings.get((id(scope), receiver.value), []), key=lambda b: b.start)
        holder_id = self.scopes._reaching(own, self.scopes.order.get(id(receiver), 0))
        holder = next((b.node for b in own if id(b.node) == holder_id), None)
        if holder is None or isinstance(holder, cst.Param):
            return [Destination(ESCAPES, receiver)]
        out: list[Destination] = []
        for load in self.scopes.reached(scope, holder, receiver.value):
            parent = self.scopes.parent.get(id(load))
            if load is receiver or (isinstance(parent, cst.Attribute) and parent.attr.value in CONTAINER_ADDS):
                continue  # the other additions to the list
            out.extend(self.destinations(load, seen))
        return out

    def _counted(self, call: cst.Call) -> bool:
        """`len(tokenizer.encode(text))`: the text is measured, not sent."""
        arg = self.scopes.parent.get(id(call))
        outer = self.scopes.parent.get(id(arg)) if isinstance(arg, cst.Arg) else None
        return isinstance(outer, cst.Call) and isinstance(outer.func, cst.Name) and outer.func.value == "len"

    def _through(self, call: cst.Call, arg: cst.Arg, target: cst.FunctionDef, seen: set[int]) -> list[Destination]:
        """Follow an argument into a function of this file: what it does with that parameter."""
        param = _param_for(call, arg, target)
        if param is None:
            return [Destination(ESCAPES, call)]
        out: list[Destination] = []
        for load in self.scopes.reached(target, param, param.name.value):
            for dest in self.destinations(load, seen):
                if dest.kind == RETURNED:
                    out.extend(self.destinations(call, seen))
                else:
                    out.append(Destination(dest.kind, call if dest.kind == SENT else dest.node))
        return out

    def _assigned(self, statement: cst.CSTNode, seen: set[int]) -> list[Destination]:
        if isinstance(statement, cst.Assign):
            targets = [t.target for t in statement.targets]
        else:
            targets = [statement.target]  # type: ignore[attr-defined]
        out: list[Destination] = []
        for target in targets:
            if isinstance(target, cst.Attribute) and _prompt_attribute(target):
                # `state.user_prompt.text = state.user_prompt.text + "..."`, `req.system_prompt = ...`:
                # the text becomes the prompt of a request object that is sent as it stands.
                out.append(Destination(SENT, statement))
                continue
            if not isinstance(target, cst.Name):
                out.append(Destination(ESCAPES, statement))
                continue
            for load in self.scopes.loads_reached(statement, target.value):
                out.extend(self.destinations(load, seen))
        return out


def _prompt_attribute(target: cst.Attribute) -> bool:
    """Is `target` (`x.user_prompt.text`, `self.system_prompt`) the prompt of a request being built?"""
    parts = (dotted(target) or "").split(".")[1:]
    return any(PROMPT_ATTRIBUTE.fullmatch(part) for part in parts)


def _param_for(call: cst.Call, arg: cst.Arg, target: cst.FunctionDef) -> cst.Param | None:
    params = target.params
    if arg.keyword is not None:
        for param in (*params.params, *params.kwonly_params):
            if param.name.value == arg.keyword.value:
                return param
        return None
    if arg.star:
        return None
    positional = [*params.posonly_params, *params.params]
    if positional and positional[0].name.value in ("self", "cls") and isinstance(call.func, cst.Attribute):
        positional = positional[1:]
    index = [a for a in call.args if a.keyword is None].index(arg)
    return positional[index] if index < len(positional) else None


def replace_chain(flow: TextFlow, call: cst.Call) -> tuple[set[str], cst.Call] | None:
    """`text.replace("{a}", x).replace("{b}", y)`, given its first `.replace` call: the fields it
    fills ({"a", "b"}) and its outermost call; None when any link is not a field literal replaced
    (a `.replace("\\n", " ")` cleans text, it does not fill a template)."""
    fields: set[str] = set()
    current = call
    while True:
        func = current.func
        if not (isinstance(func, cst.Attribute) and func.attr.value == "replace" and current.args):
            return None
        first = current.args[0].value
        literal = first.evaluated_value if isinstance(first, cst.SimpleString) else None
        if not isinstance(literal, str) or not (literal.startswith("{") and literal.endswith("}")) \
                or not literal[1:-1].isidentifier():
            return None
        fields.add(literal[1:-1])
        attribute = flow.scopes.parent.get(id(current))
        outer = flow.scopes.parent.get(id(attribute)) if isinstance(attribute, cst.Attribute) else None
        if isinstance(outer, cst.Call) and outer.func is attribute and attribute.attr.value == "replace":
            current = outer
            continue
        following = _rebound_replace(flow, current)
        if following is not None:
            current = following  # `text = T.replace("{a}", x)` then `text = text.replace("{b}", y)`
            continue
        return fields, current


def _rebound_replace(flow: TextFlow, call: cst.Call) -> cst.Call | None:
    """The next `.replace(...)` call of a chain split over statements: `call` is the whole value
    of an assignment to one name whose only read is the receiver of that `.replace`."""
    statement = flow.scopes.parent.get(id(call))
    if not (isinstance(statement, cst.Assign) and statement.value is call and len(statement.targets) == 1
            and isinstance(statement.targets[0].target, cst.Name)):
        return None
    loads = list(flow.scopes.loads_reached(statement, statement.targets[0].target.value))
    if len(loads) != 1:
        return None
    attribute = flow.scopes.parent.get(id(loads[0]))
    following = flow.scopes.parent.get(id(attribute)) if isinstance(attribute, cst.Attribute) else None
    if isinstance(following, cst.Call) and following.func is attribute and attribute.attr.value == "replace":
        return following
    return None

"""LEAK011: each item cut into a context and its gold end, then the uncut items sent to the model."""
from __future__ import annotations

import re

import libcst as cst

from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, notebook, valid
from hygiene.walk import scope_nodes, walk_scope

GOLD_LIST = re.compile(r"(?i)^(labels?|golds?|targets?|answers?|references?|refs?|gold_\w+|\w+_labels?|\w+_golds?|"
                       r"\w+_answers?|\w+_targets?|\w+_references?)$")
MODEL_CALL = re.compile(r"(?i)predict|generat|complet|chat|infer|query|respond|ask|call_model|run_model|sample")


def _last_of(expr: cst.BaseExpression, item: str) -> bool:
    """Is `expr` the last element of the item (`x.messages[-1].content`, `x[-1]`, `ex["turns"][-1]`)?"""
    for node in _subscripts(expr):
        if _index_is(node, "-1") and _rooted_at(node.value, item):
            return True
    return False


def _all_but_last(expr: cst.BaseExpression, item: str) -> bool:
    """Is `expr` the item without its last element (`x.messages[:-1]`, `x[:-1]`)?"""
    for node in _subscripts(expr):
        if len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Slice):
            s = node.slice[0].slice
            upper = s.upper
            if s.lower is None and isinstance(upper, cst.UnaryOperation) and isinstance(upper.operator, cst.Minus) \
                    and isinstance(upper.expression, cst.Integer) and upper.expression.value == "1" \
                    and _rooted_at(node.value, item):
                return True
    return False


def _subscripts(expr: cst.BaseExpression) -> list[cst.Subscript]:
    found = []
    stack: list[cst.CSTNode] = [expr]
    while stack:
        node = stack.pop()
        if isinstance(node, cst.Subscript):
            found.append(node)
            stack.append(node.value)
        elif isinstance(node, cst.Attribute):
            stack.append(node.value)
        elif isinstance(node, cst.Call):
            stack.append(node.func)
            stack.extend(a.value for a in node.args)
    return found


def _index_is(node: cst.Subscript, text: str) -> bool:
    if len(node.slice) != 1 or not isinstance(node.slice[0].slice, cst.Index):
        return False
    value = node.slice[0].slice.value
    return isinstance(value, cst.UnaryOperation) and isinstance(value.operator, cst.Minus) \
        and isinstance(value.expression, cst.Integer) and "-" + value.expression.value == text


def _rooted_at(expr: cst.BaseExpression, item: str) -> bool:
    while isinstance(expr, (cst.Attribute, cst.Subscript)):
        expr = expr.value
    return isinstance(expr, cst.Name) and expr.value == item


def _appended(node: cst.CSTNode) -> tuple[str, cst.BaseExpression] | None:
    """`labels.append(expr)` -> ("labels", expr)."""
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "append" \
            and isinstance(node.func.value, cst.Name) and len(node.args) == 1:
        return node.func.value.value, node.args[0].value
    return None


def _call_name(call: cst.Call) -> str:
    func = call.func
    return func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""


class UncutItemsSent(Rule):
    """
    ## What it does
    Finds evaluation items that a loop cuts into a context and a gold end
    (`labels.append(x.messages[-1].content)` and `contexts.append(x.messages[:-1])`: the reference
    reply is the last turn of each dialogue, the context every turn before it) when the function that asks the
    model is then given the items themselves (`make_predictions(data=data, ...)`), not the contexts.
    The gold list is one named for it (`labels`, `references`, `gold_*`, `*_answers`); the call is
    one named for asking a model (`predict`, `generate`, `complete`, `chat`, `infer`, `query`, ...).
    Passing the contexts, and items cut this way but never sent to a model call, are left alone.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `labels.append(x.messages[-1].content)`, `contexts.append(x.messages[:-1])`, then `make_predictions(data=data)` (function) | yes | `make_predictions(data=contexts)` |
    | `refs.append(d["turns"][-1])`, `prompts.append(d["turns"][:-1])`, then `generate(model, dialogues)` (script) | yes | `generate(model, prompts)` |
    | `gold_next.append(seq[-1])`, `ctx.append(seq[:-1])`, then `chat_complete(seqs)` (notebook) | yes | the uncut items only printed |

    ## Why is this bad?
    The reference reply is the last message of the conversation sent to the model: a chat model
    asked to continue sees the answer it is scored against (and often repeats it), so the
    similarity to the reference is high for a reason that has nothing to do with the model.

    ## Example
        labels, contexts = [], []
        for x in data:
            labels.append(x.messages[-1].content)
            contexts.append(x.messages[:-1])
        predictions = make_predictions(data=data, model=model)

    Use instead:
        predictions = make_predictions(data=contexts, model=model)
    """

    code = "LEAK011"
    category = "LEAK-PROMPT"
    severity = Severity.ERROR
    message = ("`{gold}` takes the last element of each item of `{items}` as the gold (line {line}) and `{context}` the "
               "rest, but `{call}` is given `{items}` itself: the model is sent the answer it is scored against")
    question = "Should `{call}` at {where} be given `{context}` (the items without their gold end) rather than `{items}`?"
    triggers = ("[-1]", "[:-1]")
    examples = [
        invalid("""
            import pandas as pd

            def chatbot_main(data, chatbot_config, optimizer):
                labels, contexts = [], []
                for x in data:
                    labels.append(x.messages[-1].content)
                    contexts.append(x.messages[:-1])
                df = pd.DataFrame({"context": contexts, "label": labels})
                for _ in range(chatbot_config.num_trials):
                    parameters = optimizer.get_parameters()
                    predictions = make_predictions(  # expect: LEAK011
                        data=data,
                        prompt_preset=parameters["prompt_preset"],
                        model_preset=parameters["model_preset"],
                    )
                    eval_result = optimizer.calculate_metric(data, labels, predictions)
                return df, eval_result
        """),
        valid("""
            def chatbot_main(data, optimizer):
                labels, contexts = [], []
                for x in data:
                    labels.append(x.messages[-1].content)
                    contexts.append(x.messages[:-1])
                predictions = make_predictions(data=contexts, prompt_preset="standard")
                return optimizer.calculate_metric(data, labels, predictions)
        """, note="near miss: the model is given the contexts"),
        invalid("""
            refs, prompts = [], []
            for d in dialogues:
                refs.append(d["turns"][-1])
                prompts.append(d["turns"][:-1])
            outputs = generate(model, dialogues)  # expect: LEAK011
            print(bleu(outputs, refs))
        """, note="a script: dict items, a positional argument"),
        invalid({"next.ipynb": notebook(
            """
            gold_next, ctx = [], []
            for seq in seqs:
                gold_next.append(seq[-1])
                ctx.append(seq[:-1])
            """,
            """
            replies = chat_complete(seqs)  # expect: LEAK011
            """,
        )}, note="notebook: the call in a later cell"),
        valid({"next.ipynb": notebook(
            """
            gold_next, ctx = [], []
            for seq in seqs:
                gold_next.append(seq[-1])
                ctx.append(seq[:-1])
            """,
            """
            print(len(seqs), seqs[0])
            replies = chat_complete(ctx)
            """,
        )}, note="near miss (notebook): the uncut items only printed; the contexts sent"),
    ]

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._scope(node.body)

    def visit_Module(self, node: cst.Module) -> None:
        self._scope(node)

    def _scope(self, root: cst.CSTNode) -> None:
        nodes: list[cst.CSTNode] | None = None  # every node of the scope, once a loop qualifies (issue 12)
        for loop in scope_nodes(root, (cst.For,)):
            if not isinstance(loop.target, cst.Name) or not isinstance(loop.iter, (cst.Name, cst.Attribute)):
                continue
            item = loop.target.value
            items = self.ctx.code(loop.iter).strip()
            gold = context = None
            for node in walk_scope(loop.body):
                appended = _appended(node)
                if appended is None:
                    continue
                name, value = appended
                if gold is None and GOLD_LIST.match(name) and _last_of(value, item):
                    gold = (name, node)
                elif context is None and _all_but_last(value, item):
                    context = name
            if gold is None or context is None:
                continue
            inside = {id(n) for n in walk_scope(loop)}
            if nodes is None:
                nodes = list(walk_scope(root))
            k = next(i for i, n in enumerate(nodes) if n is loop)
            for later in nodes[k + 1:]:
                if id(later) in inside or not isinstance(later, cst.Call) or not MODEL_CALL.search(_call_name(later)):
                    continue
                if any(self.ctx.code(a.value).strip() == items for a in later.args):
                    self.report(later, related=[Location(self.ctx.path, self.ctx.line_of(gold[1]), "the gold cut off")],
                                gold=gold[0], items=items, context=context, call=_call_name(later),
                                line=self.ctx.line_of(gold[1]) or "?")
                    return

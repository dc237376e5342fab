"""PROMPT006: a function builds the prompt text from an input, then one branch returns the raw input instead."""
from __future__ import annotations

import libcst as cst

from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, notebook, valid
from hygiene.walk import iter_nodes


class _Function:
    __slots__ = ("built", "returns")

    def __init__(self) -> None:
        self.built: dict[str, tuple[frozenset[str], cst.Assign]] = {}   # text name -> (its ingredients, where)
        self.returns: list[tuple[cst.Return, frozenset[str]]] = []


class BuiltPromptBypassed(Rule):
    """
    ## What it does
    Finds a function that builds a text from an input (`question_input = "Problem 1. " + passage +
    " " + question + options`) and returns it, combined with something else, on one branch
    (`return demo + [{"role": "user", "content": question_input}]`), while another branch
    returns the same combination with the raw input in its place (`return demo + question`).
    The built text must contain string literals and the input; both returns must share another
    ingredient (`demo`), so they are two spellings of one result.

    ## Why is this bad?
    The branch that returns the raw input sends the model the bare question: no passage, no
    options, no numbering. One mode of the evaluation (completion models, the non-chat path) is
    scored on a different prompt from the other, and nothing fails.

    ## Example
        def convert(line, demo, chat_mode):
            question_input = "Problem. " + line["passage"] + " " + question + "\\nOptions: " + options
            if chat_mode:
                return demo + [{"role": "user", "content": question_input}]
            return demo + question

    Use instead:
        ...
            return demo + question_input
    """

    code = "PROMPT006"
    category = "PROMPT-UNFILLED"
    severity = Severity.ERROR
    message = ("`{code}` returns `{raw}` where the other branch ({other_where}) returns `{built}`, the text built "
               "from it at line {built_line}: this branch's prompt lacks what `{built}` adds")
    question = "Should the return at {where} use `{built}` instead of `{raw}`?"
    examples = [
        invalid({"agieval.ipynb": notebook(
            """
            import json
            demos = json.load(open("data/few_shot.json"))
            """,
            """
            def convert(line, demo, chat_mode=False):
                question = line["question"]
                question_input = "Question: " + question + "\\nOptions: " + " ".join(line["options"]) + "\\nAnswer:"
                if chat_mode:
                    return demo + [{"role": "user", "content": question_input}]
                return demo + question  # expect: PROMPT006
            """,
            """
            prompts = [convert(l, demos) for l in map(json.loads, open("data/test.jsonl"))]
            """,
        )}, note="notebook: the completion branch of the converter cell returns the bare question"),
        valid({"agieval.ipynb": notebook(
            """
            import json
            demos = json.load(open("data/few_shot.json"))
            """,
            """
            def convert(line, demo, chat_mode=False):
                question = line["question"]
                question_input = "Question: " + question + "\\nOptions: " + " ".join(line["options"]) + "\\nAnswer:"
                if chat_mode:
                    return demo + [{"role": "user", "content": question_input}]
                return demo + question_input
            """,
            """
            prompts = [convert(l, demos) for l in map(json.loads, open("data/test.jsonl"))]
            """,
        )}, note="near miss: the same cells, both branches return the built text"),
        invalid("""
            def convert_few_shot(line, demo, n_shot, chat_mode=False):
                passage = line["passage"] or ""
                question = line["question"]
                options = line["options"] or []
                question_input = "Problem {}.   ".format(n_shot + 1) + passage + " " + question + "\\n" \\
                    + "Choose from the following options:    " + " ".join(options) + "\\n"
                if chat_mode:
                    return demo + [{"role": "user", "content": question_input}]
                else:
                    return demo + question  # expect: PROMPT006
        """),
        invalid("""
            class Task:
                def render(self, doc, shots):
                    prompt = f"Context: {doc['context']}\\nQuestion: {doc['question']}\\nAnswer:"
                    if self.chat:
                        return shots + [prompt]
                    return shots + [doc]  # expect: PROMPT006
        """, note="the raw input is the document the f-string reads"),
        valid("""
            def convert_few_shot(line, demo, chat_mode=False):
                question = line["question"]
                question_input = "Problem. " + question + "\\n"
                if chat_mode:
                    return demo + [{"role": "user", "content": question_input}]
                return demo + question_input
        """),
        valid("""
            def clean(text, lower):
                stripped = "" + text.strip()
                if lower:
                    return stripped.lower()
                return text
        """, note="a fallback that shares nothing else with the other return"),
        valid("""
            def build(question, demo, raw):
                prompt = "Q: " + question + "\\nA:"
                if raw:
                    return demo + question, "raw"
                return demo + prompt, "templated"
        """, note="the returns differ in what else they say: a deliberate raw mode"),
        valid("""
            class Expand:
                def _get_mutated_instance(self, seed):
                    if self._prompt_format is None:
                        new_seed = "Add sentences to the template:" f"\\n{seed}\\n" "Only the sentences."
                        return self.model.generate(new_seed)
                    return self.model.generate(self._prompt_format.format(seed))
        """, note="the other branch fills a user's template with it: not the raw input"),
        valid("""
            def score(prediction, label):
                pred = prediction.strip()
                match = re.search(r"\\b([A-D])\\b", pred)
                if match:
                    return {"score": 1.0 if match.group(1) == label else 0.0}
                return {"score": 1.0 if pred[0] == label else 0.0}
        """, note="a regex match is not text built for the model"),
    ]

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._stack: list[_Function] = []

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._stack.append(_Function())

    def visit_Assign(self, node: cst.Assign) -> None:
        if not self._stack or len(node.targets) != 1 or not isinstance(node.targets[0].target, cst.Name):
            return
        texts = _builds_text(node.value)
        ingredients = _variables(node.value)
        names = bool(ingredients)
        target = node.targets[0].target.value
        if texts and names and target not in ingredients:
            self._stack[-1].built[target] = (frozenset(ingredients), node)

    def visit_Return(self, node: cst.Return) -> None:
        if self._stack and node.value is not None:
            used = _operands(node.value)
            self._stack[-1].returns.append((node, used))

    def leave_FunctionDef(self, node: cst.FunctionDef) -> None:
        function = self._stack.pop()
        if len(function.returns) < 2 or not function.built:
            return
        for built, (ingredients, assign) in function.built.items():
            with_built = [(r, used) for r, used in function.returns if built in used]
            for ret, used in function.returns:
                if built in used or _literal_tuple(ret):
                    continue
                raws = used & ingredients
                for other, other_used in with_built:
                    shared = (used & other_used) - ingredients - {"self", "cls"}
                    if len(raws) == 1 and shared and used - raws == shared and other_used - {built} == shared:
                        raw = sorted(raws)[0]
                        self.report(ret, code=" ".join(self.ctx.code(ret).split()), raw=raw, built=built,
                                    other_where=f"line {self.ctx.line_of(other)}", built_line=self.ctx.line_of(assign),
                                    related=[Location(self.ctx.path, self.ctx.line_of(assign), f"`{built}` built here")])
                        return


def _literal_tuple(ret: cst.Return) -> bool:
    """`return demo + question, "raw"`: a return that also says which mode it is."""
    return isinstance(ret.value, cst.Tuple) and any(
        isinstance(e.value, (cst.SimpleString, cst.FormattedString)) for e in ret.value.elements)


def _variables(expr: cst.BaseExpression) -> frozenset[str]:
    """The variables an expression reads: its names, not the attribute names after a dot."""
    nodes = list(iter_nodes(expr))
    attributes = {id(n.attr) for n in nodes if isinstance(n, cst.Attribute)}
    return frozenset(n.value for n in nodes if isinstance(n, cst.Name) and id(n) not in attributes)


def _builds_text(value: cst.BaseExpression) -> bool:
    """Text put together here: `"Problem " + passage + ...`, an f-string, `"...".format(...)`."""
    if isinstance(value, (cst.FormattedString, cst.ConcatenatedString)):
        return True
    if isinstance(value, cst.BinaryOperation) and isinstance(value.operator, cst.Add):
        return _builds_text(value.left) or _builds_text(value.right) or isinstance(value.right, cst.SimpleString) \
            or isinstance(value.left, cst.SimpleString)
    return (isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute) and value.func.attr.value == "format"
            and isinstance(value.func.value, (cst.SimpleString, cst.ConcatenatedString)))


def _operands(expr: cst.BaseExpression) -> frozenset[str]:
    """The variables a return puts together as they are: `demo + [{"content": q}]` -> demo, q (not call arguments)."""
    if isinstance(expr, cst.Name):
        return frozenset() if expr.value in ("None", "True", "False") else frozenset({expr.value})
    if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Add):
        return _operands(expr.left) | _operands(expr.right)
    if isinstance(expr, (cst.List, cst.Tuple, cst.Set)):
        return frozenset().union(*(_operands(e.value) for e in expr.elements)) if expr.elements else frozenset()
    if isinstance(expr, cst.Dict):
        return frozenset().union(*(_operands(e.value) for e in expr.elements if isinstance(e, cst.DictElement))) \
            if expr.elements else frozenset()
    return frozenset()

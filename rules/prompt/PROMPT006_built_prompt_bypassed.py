"""PROMPT006: a function builds the prompt text from an input, then one branch returns the raw input instead."""
from __future__ import annotations

import libcst as cst

from hygiene.analysis.modules import locate_defined
from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, notebook, valid
from hygiene.walk import iter_nodes


class _Function:
    __slots__ = ("built", "returns", "callee", "texts")

    def __init__(self) -> None:
        self.built: dict[str, tuple[frozenset[str], cst.Assign]] = {}   # text name -> (its ingredients, where)
        self.returns: list[tuple[cst.Return, frozenset[str]]] = []
        self.callee: dict[str, str] = {}  # text name -> the repo function it is the result of
        self.texts: set[str] = set()  # names assigned text built here


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
        invalid({
            "agieval/templates.py": '''
                def render_question(passage, question, options):
                    return f"Passage: {passage}\\nQuestion: {question}\\nOptions: {' '.join(options)}\\nAnswer:"
            ''',
            "agieval/convert.py": '''
                from agieval.templates import render_question

                class Converter:
                    def __init__(self, demo, chat_mode):
                        self.demo, self.chat_mode = demo, chat_mode

                    def convert(self, line):
                        question = line["question"]
                        question_input = render_question(line["passage"], question, line["options"])
                        if self.chat_mode:
                            return self.demo + [{"role": "user", "content": question_input}]
                        return self.demo + question  # expect: PROMPT006
            ''',
        }, note="across modules: a method builds the prompt with a template function of another module, and its "
                "completion branch returns the bare question"),
        valid({
            "agieval/templates.py": '''
                def render_question(passage, question, options):
                    return f"Passage: {passage}\\nQuestion: {question}\\nOptions: {' '.join(options)}\\nAnswer:"
            ''',
            "agieval/convert.py": '''
                from .templates import render_question

                class Converter:
                    def __init__(self, demo, chat_mode):
                        self.demo, self.chat_mode = demo, chat_mode

                    def convert(self, line):
                        question = line["question"]
                        question_input = render_question(line["passage"], question, line["options"])
                        if self.chat_mode:
                            return self.demo + [{"role": "user", "content": question_input}]
                        return self.demo + question_input
            ''',
        }, note="near miss: both branches return the rendered text"),
    ]

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._stack: list[_Function] = []
        self._builders: list[str] = []  # functions of this module that return text they build
        self._pending: list[dict] = []  # findings that hold if a function of another module builds text

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._stack.append(_Function())

    def visit_Assign(self, node: cst.Assign) -> None:
        if not self._stack or len(node.targets) != 1 or not isinstance(node.targets[0].target, cst.Name):
            return
        texts = _builds_text(node.value)
        target = node.targets[0].target.value
        if texts:
            self._stack[-1].texts.add(target)
        # `question_input = render_question(passage, question)`: text built by a function of the
        # repo (this module or another), known in the repo phase
        callee = self.qualified_name(node.value.func) if isinstance(node.value, cst.Call) else None
        if not texts and not callee:
            return  # neither kind of built value: its variables are not needed (issue 12)
        ingredients = _variables(node.value)
        names = bool(ingredients)
        if callee and names and target not in ingredients and not texts:
            self._stack[-1].callee[target] = callee
            self._stack[-1].built[target] = (frozenset(_variables(cst.Tuple([cst.Element(a.value) for a in node.value.args]))
                                              if node.value.args else frozenset()), node)
        elif texts and names and target not in ingredients:
            self._stack[-1].built[target] = (frozenset(ingredients), node)

    def visit_Return(self, node: cst.Return) -> None:
        if self._stack and node.value is not None:
            used = _operands(node.value)
            self._stack[-1].returns.append((node, used))
            if _builds_text(node.value) or (isinstance(node.value, cst.Name) and node.value.value in self._stack[-1].texts):
                if len(self._stack) == 1 and not any(isinstance(p, cst.ClassDef) for p in self.ctx.parents):
                    function = self.ctx.names.function
                    name = function.name.value if isinstance(function, cst.FunctionDef) else ""
                    if name:
                        self._builders.append(name)

    def finish(self) -> None:
        if self._builders or self._pending:
            self.ctx.facts[self.code] = {"builders": sorted(set(self._builders))[:50], "pending": self._pending[:10]}

    @classmethod
    def check_repo(cls, repo) -> None:  # type: ignore[no-untyped-def]
        """A branch returning the raw input where the other returns the result of a function of the repo
        (this module or another) that builds text from it."""
        builders = {(path, b) for path, facts in repo.facts(cls.code) for b in facts.get("builders", [])}
        for path, facts in repo.facts(cls.code):
            for site in facts.get("pending", []):
                if locate_defined(repo, site["callee"], path, site["module"]) in builders:
                    repo.report(cls, path, site["line"], code=site["code"], raw=site["raw"], built=site["built"],
                                other_where=site["other_where"], built_line=site["built_line"],
                                related=[Location(path, site["built_line"], f"`{site['built']}` built here")])

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
                        if built in function.callee:
                            self._pending.append({
                                "callee": function.callee[built], "module": self.ctx.names.module_name,
                                "line": self.ctx.line_of(ret),
                                "code": " ".join(self.ctx.code(ret).split()), "raw": raw, "built": built,
                                "other_where": f"line {self.ctx.line_of(other)}", "built_line": self.ctx.line_of(assign)})
                            return
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
    if isinstance(expr, cst.Attribute) and isinstance(expr.value, cst.Name) and expr.value.value in ("self", "cls"):
        return frozenset({f"{expr.value.value}.{expr.attr.value}"})  # `self.demo + question`: the instance's demo
    if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Add):
        return _operands(expr.left) | _operands(expr.right)
    if isinstance(expr, (cst.List, cst.Tuple, cst.Set)):
        return frozenset().union(*(_operands(e.value) for e in expr.elements)) if expr.elements else frozenset()
    if isinstance(expr, cst.Dict):
        return frozenset().union(*(_operands(e.value) for e in expr.elements if isinstance(e, cst.DictElement))) \
            if expr.elements else frozenset()
    return frozenset()

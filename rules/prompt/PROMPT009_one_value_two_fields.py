"""PROMPT009: two fields of a template filled with the same value while the value computed for one of them goes unused."""
from __future__ import annotations

import re

import libcst as cst

from hygiene.finding import Severity
from hygiene.analysis.strings import string_value, template_fields
from hygiene.rule import Rule, invalid, notebook, valid
from hygiene.walk import iter_nodes

LITERALS = (cst.SimpleString, cst.ConcatenatedString, cst.Integer, cst.Float)


class OneValueTwoFields(Rule):
    """
    ## What it does
    Finds `.format(...)` calls that give two differently named fields the same expression
    (`TEMPLATE.format(context=item["question"], question=item["question"])`) while a local
    assigned in the same loop body or function (`ctx = gold_context(item)`) is never read
    anywhere in the file (or a parameter of the function that its body never reads: a scorer's
    `output`): the value computed for one field was left out, and another field's value
    was pasted in its place. Also when the value is named for one of the fields (`item["question"]`
    for `{question}`) and the template, a string of the same file, shows both fields: the other
    field repeats it; and when a value named for what a model was asked (`item["prompt"]`) fills both a
    field of the asked text (`{question}`) and one of the answer (`{response}`) of such a template. Literals shared by two fields (`""`, `0`) are left alone, and so is a
    repeated value when every local the code computes is used.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `.format(context=q, question=q)` with `ctx = ...` never read (script, loop, notebook cell) | yes | `context=ctx` |
    | `.format(title=row.title, body=row.title)` with `body = fetch(row)` unused, in a function | yes | every local read |
    | `.format(user=name, greeting=name)`, nothing left unused | no | a name shown twice on purpose |
    | `def judge_scorer(input, output, expected): JUDGE.format(question=input, answer=input, ...)`, `output` never read | yes | `answer=output`; a `_unused` parameter |
    | `QA.format(context=ex.question, question=ex.question)`, QA a string of the file showing both fields | yes | an unknown template (aliases), one field absent from the template, `name` / `display_name` |
    | `JUDGE.format(question=item["prompt"], response=item["prompt"])`, JUDGE showing both: a value named for what was asked fills what was answered | yes | `response=item["completion"]` |

    ## Why is this bad?
    The model never sees the computed value: a "with context" condition sends the question twice
    and no context, and the comparison concludes the context does not help.

    ## Example
        for it in items:
            ctx = gold_context(it)
            prompt = RAG.format(context=it["question"], question=it["question"])

    Use instead:
        for it in items:
            ctx = gold_context(it)
            prompt = RAG.format(context=ctx, question=it["question"])
    """

    code = "PROMPT009"
    category = "PROMPT-UNFILLED"
    severity = Severity.ERROR
    message = ("`{value}` fills both {fields}, while `{unused}` (line {unused_line}) is computed and never read: "
               "the value meant for one of the fields is left out")
    question = "Which value should fill {fields} at {where}? `{unused}` is computed and never used."
    triggers = (".format(",)
    examples = [
        invalid("""
            JUDGE = "Question: {question}\\nCandidate: {answer}\\nReference: {expected}\\nSame resolution? Y or N."
            def judge_scorer(input, output, expected):
                prompt = JUDGE.format(question=input, answer=input, expected=expected)  # expect: PROMPT009
                return ask(prompt).startswith("Y")
        """, note="probe 18: a scorer's parameter (the task's output) never read while another value fills its field"),
        valid("""
            JUDGE = "Question: {question}\\nCandidate: {answer}\\nReference: {expected}\\nSame resolution? Y or N."
            def judge_scorer(input, output, expected):
                prompt = JUDGE.format(question=input, answer=output, expected=expected)
                return ask(prompt).startswith("Y")
        """, note="near miss: every parameter fills its own field"),
        valid("""
            TITLE = "{title}: {heading}"
            def banner(name, _unused_width):
                return TITLE.format(title=name, heading=name)
        """, note="near miss: a parameter marked unused with a leading underscore"),
        invalid("""
            JUDGE = "Q: {question}\\nA argues: {argument_a}\\nB argues: {argument_b}\\nWho is right?"
            def judge(item, transcript):
                prompt = JUDGE.format(question=item["question"], argument_a=transcript["a"],  # expect: PROMPT009
                                      argument_b=transcript["a"])
                return ask(prompt)
        """, note="probe17: both sides of a pairwise judge template filled with side a's text"),
        valid("""
            JUDGE = "Q: {question}\\nA argues: {argument_a}\\nB argues: {argument_b}\\nWho is right?"
            def judge(item, transcript):
                prompt = JUDGE.format(question=item["question"], argument_a=transcript["a"],
                                      argument_b=transcript["b"])
                sanity = JUDGE.format(question=item["question"], argument_a=item["baseline"], argument_b=item["baseline"])
                return ask(prompt), ask(sanity)
        """, note="near miss: each side its own value; the same unnamed baseline on both sides on purpose"),
        invalid({
            "rag/__init__.py": "",
            "rag/prompts.py": """
                RAG = "Use the context to answer.\\n\\nContext:\\n{context}\\n\\nQuestion: {question}\\nAnswer:"
            """,
            "rag/retrieval.py": """
                def gold_context(item, k=3):
                    return "\\n".join(p["text"] for p in item["passages"][:k])
            """,
            "rag/run.py": """
                from openai import OpenAI
                from .prompts import RAG
                from .retrieval import gold_context

                client = OpenAI()

                def answer_all(items):
                    out = []
                    for it in items:
                        ctx = gold_context(it)
                        prompt = RAG.format(context=it["question"], question=it["question"])  # expect: PROMPT009
                        r = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}])
                        out.append(r.choices[0].message.content)
                    return out
            """,
        }, note="across modules: the template and the retriever imported from two modules; the context is "
                "computed and the question pasted into its field"),
        valid({
            "rag/__init__.py": "",
            "rag/prompts.py": """
                RAG = "Use the context to answer.\\n\\nContext:\\n{context}\\n\\nQuestion: {question}\\nAnswer:"
            """,
            "rag/retrieval.py": """
                def gold_context(item, k=3):
                    return "\\n".join(p["text"] for p in item["passages"][:k])
            """,
            "rag/run.py": """
                from openai import OpenAI
                from .prompts import RAG
                from .retrieval import gold_context

                client = OpenAI()

                def answer_all(items):
                    out = []
                    for it in items:
                        ctx = gold_context(it)
                        prompt = RAG.format(context=ctx, question=it["question"])
                        r = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}])
                        out.append(r.choices[0].message.content)
                    return out
            """,
        }, note="near miss of the same layout: the context fills its field"),
        invalid({"rag_ablation.ipynb": notebook(
            """
            import json
            RAG = "Context:\\n{context}\\n\\nQuestion: {question}\\nAnswer briefly."
            items = [json.loads(l) for l in open("data/nq_dev.jsonl")]
            """,
            """
            for it in items:
                retrieved = search_index(it["question"], k=5)
                it["prompt"] = RAG.format(context=it["question"], question=it["question"])  # expect: PROMPT009
            """,
            """
            replies = [generate(it["prompt"]) for it in items]
            """,
        )}, note="notebook: the retrieval loop's cell computes the passages and pastes the question into the context"),
        valid({"rag_ablation.ipynb": notebook(
            """
            import json
            RAG = "Context:\\n{context}\\n\\nQuestion: {question}\\nAnswer briefly."
            items = [json.loads(l) for l in open("data/nq_dev.jsonl")]
            """,
            """
            for it in items:
                retrieved = search_index(it["question"], k=5)
                it["prompt"] = RAG.format(context="\\n".join(retrieved), question=it["question"])
            """,
            """
            replies = [generate(it["prompt"]) for it in items]
            """,
        )}, note="near miss: the same cells, the retrieved passages fill the context"),
        invalid("""
            from openai import OpenAI
            client = OpenAI()
            for it in items:
                ctx = "\\n".join(p["text"] for p in it["paragraphs"])
                prompt = RAG.format(context=it["question"], question=it["question"])  # expect: PROMPT009
                client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}])
        """, note="probe 6: the context condition sends the question twice"),
        valid("""
            from openai import OpenAI
            client = OpenAI()
            for it in items:
                ctx = "\\n".join(p["text"] for p in it["paragraphs"])
                prompt = RAG.format(context=ctx, question=it["question"])
                client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}])
        """, note="the twin: the computed context fills its field"),
        invalid("""
            def summarise_prompt(row, fetch):
                body = fetch(row.url)
                return TEMPLATE.format(title=row.title, body=row.title)  # expect: PROMPT009
        """, note="in a function: the fetched body is never read"),
        valid("""
            def greeting(name, client):
                prompt = TEMPLATE.format(user=name, greeting=name)
                return client.generate(prompt)
        """, note="near miss: one value shown twice on purpose, nothing computed and left unused"),
        invalid("""
            QA = "Context: {context}\\nQ: {question}\\nA:"

            def make_prompt(ex):
                return QA.format(context=ex.question, question=ex.question)  # expect: PROMPT009
        """, note="probe 8: the value is named for {question}, and the template also shows {context}, which receives it"),
        valid("""
            QA = "Context: {context}\\nQ: {question}\\nA:"

            def make_prompt(ex):
                return QA.format(context=ex.context, question=ex.question)
        """, note="the twin: each field its own value"),
        valid("""
            def make_prompt(template, ex):
                return template.format(input=ex["input"], question=ex["input"])
        """, note="near miss: an unknown template filled under both of its possible names (an alias, not a bug)"),
        valid("""
            CARD = "{name} ({display_name})"
            label = CARD.format(name=row["name"], display_name=row["name"])
        """, note="near miss: the same value under a longer name of the same thing"),
        valid("""
            QA = "Q: {question}\\nA:"
            prompt = QA.format(context=ex["question"], question=ex["question"])
        """, note="near miss: the template shows only one of the fields; str.format ignores the other"),
        valid("""
            def build(row):
                unused_debug = describe(row)
                return TEMPLATE.format(shots="", suffix="", question=row["q"])
        """, note="near miss: literals shared by two fields"),
        invalid("""
            JUDGE = "User request:\\n{question}\\n\\nAssistant response:\\n{response}\\n\\nIs it a refusal?"

            def grade(client, item):
                content = JUDGE.format(question=item["prompt"], response=item["prompt"])  # expect: PROMPT009
                return client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": content}])
        """, note="probe20: the request fills the judge's response field too, so the judge grades the request"),
        valid("""
            JUDGE = "User request:\\n{question}\\n\\nAssistant response:\\n{response}\\n\\nIs it a refusal?"

            def grade(client, item):
                content = JUDGE.format(question=item["prompt"], response=item["completion"])
                return client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": content}])
        """, note="near miss: the response field gets the completion"),
        valid("""
            PAGE = "{title}\\n\\n{question}\\n{response}"
            text = PAGE.format(title=row["heading"], question=row["heading"], response=row["body"])
        """, note="near miss: a value named for neither role (a heading shown as title and question)"),
    ]

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self.templates: dict[str, str] = {}  # NAME -> its string, for `NAME = "...{field}..."`

    def visit_Assign(self, node: cst.Assign) -> None:
        if len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name):
            text = string_value(node.value)
            if text is not None and "{" in text:
                self.templates[node.targets[0].target.value] = text

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if not (isinstance(func, cst.Attribute) and func.attr.value == "format"):
            return
        by_value: dict[str, list[str]] = {}
        nodes: dict[str, cst.BaseExpression] = {}
        for arg in node.args:
            if arg.keyword is None or isinstance(arg.value, LITERALS) or arg.star:
                continue
            key = " ".join(self.ctx.code(arg.value).split())
            by_value.setdefault(key, []).append(arg.keyword.value)
            nodes[key] = arg.value
        shared = next(((value, fields) for value, fields in by_value.items() if len(fields) > 1), None)
        if shared is None:
            return
        unused = self._unused_local(node)
        if unused is None:
            if not self._paired_fields(node, nodes[shared[0]], shared[0], shared[1]):
                self._named_for_one_field(node, nodes[shared[0]], shared[0], shared[1])
            return
        value, fields = shared
        extra = {}
        if getattr(self, "parameter", None) == unused[0]:
            extra = {"message": "`{value}` fills both {fields}, while the parameter `{unused}` (line {unused_line}) is "
                                "never read: the value handed in for one of the fields is left out",
                     "question": "Which value should fill {fields} at {where}? The parameter `{unused}` is never used."}
        self.report(node, value=value, fields=" and ".join(f"{{{f}}}" for f in fields), unused=unused[0],
                    unused_line=unused[1], **extra)

    def _unused_local(self, call: cst.Call) -> tuple[str, int] | None:
        """A name assigned before `call` in a loop body around it (or the function), that the file
        never reads; or a parameter of the function that its body never reads."""
        self.parameter = None
        call_line = self.ctx.line_of(call) or 0
        for scope in reversed(self.ctx.parents):
            if not isinstance(scope, (cst.For, cst.FunctionDef)):
                continue
            for node in iter_nodes(scope.body):
                if not isinstance(node, cst.Assign) or len(node.targets) != 1:
                    continue
                target = node.targets[0].target
                line = self.ctx.line_of(node) or 0
                if not isinstance(target, cst.Name) or line >= call_line:
                    continue
                # read anywhere? (`name =` and `name=` keywords bind or name a field; they do not read)
                if not re.search(rf"(?<![.\w\"']){re.escape(target.value)}\b(?!\s*=(?!=))", self.ctx.text):
                    return target.value, line
            if isinstance(scope, cst.FunctionDef):
                # A parameter the function never reads (`def judge_scorer(input, output, expected)` filling
                # `answer=input`): the value the caller hands over for one of the fields is left out.
                body = self.ctx.code(scope.body)
                for param in (*scope.params.posonly_params, *scope.params.params, *scope.params.kwonly_params):
                    name = param.name.value
                    if name in ("self", "cls") or name.startswith("_"):
                        continue
                    if not re.search(rf"(?<![.\w\"']){re.escape(name)}\b(?!\s*=(?!=))", body):
                        self.parameter = name
                        return name, self.ctx.line_of(param) or 0
                break
        return None

    def _paired_fields(self, call: cst.Call, value: cst.BaseExpression, code: str, fields: list[str]) -> bool:
        """`JUDGE.format(argument_a=t["a"], argument_b=t["a"])`: the two sides of a pairwise template get one value,
        which is named for one side (its key, attribute or last name word is that side's word): the judge
        compares a text with itself."""
        pair = _side_pair(fields)
        name = _value_name(value)
        if pair is None or name is None:
            return False
        own = name.lower().split("_")[-1]
        field, side, other, other_side = pair
        if own == other_side:
            field, side, other, other_side = other, other_side, field, side
        elif own != side:
            return False
        self.report(call, value=code, fields=f"{{{field}}} and {{{other}}}", unused="", unused_line=0,
                    message="`{value}` fills both sides of the pair, {fields}: it is named for {{" + field + "}}, so {{"
                            + other + "}} repeats it and the " + other_side + " side never reaches the prompt",
                    question="Which value should fill {{" + other + "}} at {where}? It receives `{value}`, the " + side + " side's value.")
        return True

    def _named_for_one_field(self, call: cst.Call, value: cst.BaseExpression, code: str, fields: list[str]) -> None:
        """`TEMPLATE.format(passage=record["question"], question=record["question"])` where TEMPLATE (a
        string of this file) shows both fields: the value is named for `{question}`, and `{passage}`,
        a field of its own, receives it too."""
        func = call.func
        template = self.templates.get(func.value.value) if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name) else None
        if template is None or not set(fields) <= {f.split(".")[0].split("[")[0] for f in template_fields(template)}:
            return  # an unknown template may use only one of the names (aliases filled for any template)
        name = _value_name(value)
        if name is not None and name.lower() not in {f.lower() for f in fields}:
            roles = {f: _role(f) for f in fields}
            asked = [f for f in fields if roles[f] == "asked"]
            answered = [f for f in fields if roles[f] == "answered"]
            if asked and answered and _role(name) in ("asked", "answered"):
                # `JUDGE.format(question=item["prompt"], response=item["prompt"])`: what was asked and what was
                # answered are two texts; one value of either kind cannot be both
                own, other = (asked[0], answered[0]) if _role(name) == "asked" else (answered[0], asked[0])
                self.report(call, value=code, fields=" and ".join(f"{{{f}}}" for f in fields), unused="", unused_line=0,
                            message="`{value}` fills {fields}: one names what the model was asked, the other what it "
                                    "answered, so {{" + other + "}} repeats {{" + own + "}} and its own text never reaches the prompt",
                            question="Which value should fill {{" + other + "}} at {where}? It receives `{value}`, the value of {{" + own + "}}.")
            return
        if name is None:
            return
        others = [f for f in fields if f.lower() != name.lower() and name.lower() not in f.lower() and f.lower() not in name.lower()]
        if not others:
            return  # `name=row["name"], display_name=row["name"]`: the same thing under a longer name
        self.report(call, value=code, fields=" and ".join(f"{{{f}}}" for f in fields), unused="", unused_line=0,
                    message="`{value}` is named for {{" + name + "}} but fills {fields}: the template shows both, so "
                            "{{" + others[0] + "}} repeats it and its own value never reaches the prompt",
                    question="Which value should fill {{" + others[0] + "}} at {where}? It receives `{value}`, the value of {{" + name + "}}.")


# The two sides of a pairwise template (`{answer_a}` / `{answer_b}`, `{response_1}` / `{response_2}`).
_SIDES = [frozenset(p) for p in (("a", "b"), ("1", "2"), ("left", "right"), ("first", "second"), ("chosen", "rejected"),
                                 ("pos", "neg"), ("positive", "negative"), ("one", "two"), ("x", "y"), ("0", "1"))]


def _side_pair(fields: list[str]) -> tuple[str, str, str, str] | None:
    """(field, its side, the other field, its side) for two fields named alike but for one side word
    (`argument_a` / `argument_b`)."""
    for i, first in enumerate(fields):
        for second in fields[i + 1:]:
            a, b = first.lower().split("_"), second.lower().split("_")
            if len(a) != len(b) or len(a) < 2:
                continue
            diff = [(x, y) for x, y in zip(a, b) if x != y]
            if len(diff) == 1 and frozenset(diff[0]) in _SIDES:
                return first, diff[0][0], second, diff[0][1]
    return None


# What a model was asked, and what it answered: the two texts a judge template shows side by side.
_ASKED = frozenset({"question", "prompt", "request", "query", "instruction", "input", "user_input", "task", "problem"})
_ANSWERED = frozenset({"response", "answer", "completion", "output", "reply", "generation", "model_output",
                       "model_response", "model_answer", "prediction", "pred"})


def _role(name: str) -> str | None:
    """"asked" for the name of a model's input (`question`, `user_prompt`), "answered" for its output."""
    words = name.lower().split("_")
    last = words[-1]
    if name.lower() in _ASKED or last in _ASKED:
        return "asked"
    if name.lower() in _ANSWERED or last in _ANSWERED:
        return "answered"
    return None


def _value_name(value: cst.BaseExpression) -> str | None:
    """The name a value carries: the key of `record["question"]`, the attribute of `row.question`, a name."""
    if isinstance(value, cst.Subscript) and len(value.slice) == 1 and isinstance(value.slice[0].slice, cst.Index):
        return string_value(value.slice[0].slice.value)
    if isinstance(value, cst.Attribute):
        return value.attr.value
    if isinstance(value, cst.Name):
        return value.value
    return None

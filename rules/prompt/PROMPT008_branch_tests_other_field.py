"""PROMPT008: a prompt variant chosen by testing one field while the variants differ by another."""
from __future__ import annotations

import libcst as cst

from hygiene.analysis.strings import string_value, template_fields
from hygiene.analysis.modules import locate_defined
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, valid, notebook
from hygiene.walk import iter_nodes

MIN_TEXT = 120  # characters of the whole `if` / `else`: two prompt texts, not two short labels


class BranchTestsOtherField(Rule):
    """
    ## What it does
    Finds an `if` / `else` that returns (or assigns) one of two prompt texts built from the same
    record, where the condition tests whether one field is present
    (`if data_point["instruction"]:`, `if row.get("context")`, `if len(ex["input"]) > 0`) but both
    texts use that field and only one of them uses another (`data_point["input"]`): the test is on
    the wrong field. A condition that compares a field with a value (`if ex["lang"] == "en"`) chooses
    on purpose and is left alone.

    ## Why is this bad?
    The field that is always set decides, so every record gets the variant with the optional
    field, empty (`### Input:` followed by nothing) or missing, or none gets it. Fine-tuning data
    and evaluation prompts are all built with a section the author meant for some records only; the
    run completes and nothing looks wrong in a printed example that happens to have the field.

    ## Example
        if data_point["instruction"]:
            return f"...{data_point['instruction']}\\n### Input:\\n{data_point['input']}..."
        else:
            return f"...{data_point['instruction']}..."

    Use instead:
        if data_point["input"]:
            ...
    """

    code = "PROMPT008"
    category = "PROMPT-UNFILLED"
    severity = Severity.ERROR
    message = ("the variant is chosen by testing `{tested}`, which both texts use, while they differ by "
               "`{differ}`: every record that has `{tested}` gets the same text")
    question = "Should the condition at {where} test `{differ}` rather than `{tested}`?"
    examples = [
        invalid('''
            def generate_prompt(data_point):
                if data_point["instruction"]:  # expect: PROMPT008
                    return f"""Below is an instruction, paired with an input.

            ### Instruction:
            {data_point["instruction"]}

            ### Input:
            {data_point["input"]}

            ### Response:
            """
                else:
                    return f"""Below is an instruction.

            ### Instruction:
            {data_point["instruction"]}

            ### Response:
            """
        '''),
        invalid("""
            def build(row):
                if row.get("question"):  # expect: PROMPT008
                    prompt = "Answer from the context below.\\nContext: {}\\nQuestion: {}".format(row["context"], row["question"])
                else:
                    prompt = "Answer the question below.\\nQuestion: {}".format(row["question"])
                return prompt
        """, note="`.get` and `.format`, assignments"),
        valid("""
            def generate_prompt(data_point):
                if data_point["input"]:
                    return f"{data_point['instruction']}\\n### Input:\\n{data_point['input']}"
                else:
                    return f"{data_point['instruction']}"
        """),
        valid("""
            def build(ex):
                if ex["lang"] == "en":
                    return f"{ex['text']} ({ex['gloss']})"
                else:
                    return f"{ex['text']}"
        """, note="near miss: a choice on a field's value"),
        valid("""
            def label(r):
                if r["name"]:
                    return f"{r['name']} ({r['id']})"
                else:
                    return f"{r['name']}"
        """, note="near miss: short labels, not prompts"),
        invalid({
            "sft/templates.py": '''
                PROMPT_WITH_INPUT = (
                    "Below is an instruction that describes a task, paired with an input that provides further "
                    "context. Write a response that appropriately completes the request.\\n\\n"
                    "### Instruction:\\n{instruction}\\n\\n### Input:\\n{input}\\n\\n### Response:\\n"
                )
                PROMPT_NO_INPUT = (
                    "Below is an instruction that describes a task. "
                    "Write a response that appropriately completes the request.\\n\\n"
                    "### Instruction:\\n{instruction}\\n\\n### Response:\\n"
                )
            ''',
            "sft/data.py": '''
                from .templates import PROMPT_NO_INPUT, PROMPT_WITH_INPUT

                def generate_prompt(example):
                    if example["instruction"]:  # expect: PROMPT008
                        return PROMPT_WITH_INPUT.format_map(example)
                    else:
                        return PROMPT_NO_INPUT.format_map(example)
            ''',
        }, note="across modules: Alpaca-style templates in one module, the branch that picks one tests the "
                "instruction (always set) instead of the input"),
        valid({
            "sft/templates.py": '''
                PROMPT_WITH_INPUT = (
                    "Below is an instruction that describes a task, paired with an input that provides further "
                    "context. Write a response that appropriately completes the request.\\n\\n"
                    "### Instruction:\\n{instruction}\\n\\n### Input:\\n{input}\\n\\n### Response:\\n"
                )
                PROMPT_NO_INPUT = (
                    "Below is an instruction that describes a task. "
                    "Write a response that appropriately completes the request.\\n\\n"
                    "### Instruction:\\n{instruction}\\n\\n### Response:\\n"
                )
            ''',
            "sft/data.py": '''
                from .templates import PROMPT_NO_INPUT, PROMPT_WITH_INPUT

                def generate_prompt(example):
                    if example["input"]:
                        return PROMPT_WITH_INPUT.format_map(example)
                    else:
                        return PROMPT_NO_INPUT.format_map(example)
            ''',
        }, note="near miss: the same layout, the branch tests the input"),
        invalid({"build_sft.ipynb": notebook(
            """
            TEMPLATE_CTX = "Use the context to answer.\\n\\nContext: {context}\\n\\nQuestion: {question}\\nAnswer:"
            TEMPLATE_BARE = "Answer the question from your own knowledge.\\n\\nQuestion: {question}\\nAnswer:"
            """,
            """
            def to_prompt(rec):
                if rec.get("question"):  # expect: PROMPT008
                    return TEMPLATE_CTX.format(**rec)
                else:
                    return TEMPLATE_BARE.format(**rec)
            """,
            """
            prompts = [to_prompt(r) for r in records]
            """,
        )}, note="notebook: templates in one cell, the chooser in the next tests the question (always set)"),
        valid({"build_sft.ipynb": notebook(
            """
            TEMPLATE_CTX = "Use the context to answer.\\n\\nContext: {context}\\n\\nQuestion: {question}\\nAnswer:"
            TEMPLATE_BARE = "Answer the question from your own knowledge.\\n\\nQuestion: {question}\\nAnswer:"
            """,
            """
            def to_prompt(rec):
                if rec.get("context"):
                    return TEMPLATE_CTX.format(**rec)
                else:
                    return TEMPLATE_BARE.format(**rec)
            """,
            """
            prompts = [to_prompt(r) for r in records]
            """,
        )}, note="near miss: the chooser tests the context"),
    ]

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self._templates: dict[str, list] = {}  # module-level template constant -> [its fields, its length]
        self._pending: list[dict] = []  # branches filling named templates with the record, resolved in the repo phase

    def visit_Assign(self, node: cst.Assign) -> None:
        if len(node.targets) != 1 or not isinstance(node.targets[0].target, cst.Name) or any(
                isinstance(p, (cst.FunctionDef, cst.ClassDef)) for p in self.ctx.parents):
            return
        text = string_value(node.value)
        if text and "{" in text:
            self._templates[node.targets[0].target.value] = [template_fields(text), len(text)]

    def finish(self) -> None:
        if self._templates or self._pending:
            self.ctx.facts[self.code] = {"templates": dict(list(self._templates.items())[:100]),
                                         "pending": self._pending[:20]}

    @classmethod
    def check_repo(cls, repo) -> None:  # type: ignore[no-untyped-def]
        """Branches whose texts are template constants (of this module or another) filled with the record."""
        templates = {(path, name): t for path, facts in repo.facts(cls.code) for name, t in facts.get("templates", {}).items()}
        for path, facts in repo.facts(cls.code):
            for site in facts.get("pending", []):
                with_t, without_t = (templates.get(locate_defined(repo, site[k], path, site["module"]))  # type: ignore[arg-type]
                                     for k in ("with", "without"))
                if not with_t or not without_t or with_t[1] + without_t[1] < MIN_TEXT:
                    continue
                with_keys, without_keys = set(with_t[0]), set(without_t[0])
                differ = sorted(with_keys ^ without_keys)
                if site["field"] in with_keys and site["field"] in without_keys and differ:
                    base = site["base"]
                    repo.report(cls, path, site["line"], tested=f'{base}["{site["field"]}"]', differ=f'{base}["{differ[0]}"]')

    def visit_If(self, node: cst.If) -> None:
        if not isinstance(node.orelse, cst.Else):
            return
        tested = _tested_field(node.test)
        if tested is None:
            return
        base, field = tested
        named = [self._filled_template(b, base) for b in (node.body, node.orelse.body)]
        if all(named):
            self._pending.append({"with": named[0], "without": named[1], "base": base, "field": field,
                                  "module": self.ctx.names.module_name,
                                  "line": self.ctx.line_of(node.test)})
            return
        with_keys = _text_fields(node.body, base)
        without_keys = _text_fields(node.orelse.body, base)
        if with_keys is None or without_keys is None or len(self.ctx.code(node)) < MIN_TEXT:
            return  # short labels (`f"{r['name']} ({r['id']})"`) are not prompts
        if field not in with_keys or field not in without_keys:
            return
        differ = sorted(with_keys ^ without_keys)
        if not differ:
            return
        self.report(node.test, tested=f'{base}["{field}"]', differ=f'{base}["{differ[0]}"]')

    def _filled_template(self, body: cst.BaseSuite, base: str) -> str | None:
        template = _filled_template_call(body, base)
        if template is None:
            return None
        if isinstance(template, cst.Name) and template.value in self._templates:
            module = self.ctx.names.module_name  # a constant of this module (an earlier notebook cell)
            return f"{module}.{template.value}" if module else template.value
        return self.qualified_name(template)


def _filled_template_call(body: cst.BaseSuite, base: str) -> cst.BaseExpression | None:
    """The template of a branch whose one returned or assigned text is `TEMPLATE.format_map(base)` or
    `TEMPLATE.format(**base)`."""
    statements = body.body if isinstance(body, cst.IndentedBlock) else []
    if len(statements) != 1 or not isinstance(statements[0], cst.SimpleStatementLine):
        return None
    small = statements[0].body[0]
    value = small.value if isinstance(small, (cst.Return, cst.Assign)) else None
    if not isinstance(value, cst.Call) or not isinstance(value.func, cst.Attribute) or len(value.args) != 1:
        return None
    arg = value.args[0]
    if not (isinstance(arg.value, cst.Name) and arg.value.value == base):
        return None
    if (value.func.attr.value, arg.star) in (("format_map", ""), ("format", "**")):
        return value.func.value
    return None


def _tested_field(test: cst.BaseExpression) -> tuple[str, str] | None:
    """`x["k"]`, `x.get("k")`, `len(x["k"]) > 0`, `x["k"].strip()`, `x["k"] != ""`: whether field k is there."""
    if isinstance(test, cst.Comparison) and len(test.comparisons) == 1:
        right = test.comparisons[0].comparator
        empty = string_value(right) == "" or (isinstance(right, cst.Name) and right.value == "None") or (
            isinstance(right, cst.Integer) and right.value == "0")
        if not empty:
            return None
        test = test.left
    if isinstance(test, cst.Call) and isinstance(test.func, cst.Name) and test.func.value == "len" and test.args:
        test = test.args[0].value
    if isinstance(test, cst.Call) and isinstance(test.func, cst.Attribute):
        if test.func.attr.value == "get" and test.args and isinstance(test.func.value, cst.Name):
            key = string_value(test.args[0].value)
            return (test.func.value.value, key) if key else None
        if test.func.attr.value == "strip" and not test.args:
            test = test.func.value
    return _field(test)


def _field(node: cst.CSTNode) -> tuple[str, str] | None:
    if (isinstance(node, cst.Subscript) and isinstance(node.value, cst.Name) and len(node.slice) == 1
            and isinstance(node.slice[0].slice, cst.Index)):
        key = string_value(node.slice[0].slice.value)
        return (node.value.value, key) if key else None
    return None


def _text_fields(body: cst.BaseSuite, base: str) -> set[str] | None:
    """The fields of `base` a branch's one returned or assigned text reads; None when it is not that."""
    statements = body.body if isinstance(body, cst.IndentedBlock) else []
    if len(statements) != 1 or not isinstance(statements[0], cst.SimpleStatementLine):
        return None
    small = statements[0].body[0]
    value = small.value if isinstance(small, (cst.Return, cst.Assign)) else None
    if not isinstance(value, (cst.FormattedString, cst.Call, cst.BinaryOperation, cst.ConcatenatedString)):
        return None
    fields = set()
    for node in iter_nodes(value):
        found = _field(node)
        if found and found[0] == base:
            fields.add(found[1])
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "get" \
                and isinstance(node.func.value, cst.Name) and node.func.value.value == base and node.args:
            key = string_value(node.args[0].value)
            if key:
                fields.add(key)
    return fields

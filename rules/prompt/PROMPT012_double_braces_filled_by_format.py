"""PROMPT012: a template written with `{{field}}` (jinja / nunjucks / mustache) filled by `str.format`."""
from __future__ import annotations

import re
from pathlib import PurePosixPath

import libcst as cst

from hygiene.analysis.strings import string_value
from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, valid

# `{{ question }}`: a field of a jinja / nunjucks / mustache / handlebars template.
_DOUBLE = re.compile(r"(?<!\{)\{\{\s*([A-Za-z_]\w*)\s*\}\}(?!\})")
# `{question}` not doubled: a field `str.format` fills.
_SINGLE = re.compile(r"(?<!\{)\{([A-Za-z_]\w*)\}(?!\})")
# Files prompts are kept in.
_PROMPT_FILE = re.compile(r"(?i)[\w./-]+\.(ya?ml|json|txt|md|j2|jinja2?|prompt|tmpl|hbs|mustache)$")
# Libraries that render `{{field}}` templates themselves: a file that uses one fills them.
_ENGINES = re.compile(r"(?m)^\s*(from|import)\s+(jinja2|chevron|pystache|mustache|liquid|guidance|promptfoo|"
                      r"langchain\w*|llama_index|haystack|dspy|banks|promptflow)\b|\bstring\.Template\b|"
                      r"template_format\s*=\s*[\"'](jinja2|mustache)")


class DoubleBracesFilledByFormat(Rule):
    """
    ## What it does
    Finds `str.format` (or `format_map`) filling a template whose fields are written `{{field}}`,
    the syntax of jinja, nunjucks (promptfoo), mustache and handlebars: a literal in the code
    (`"Question: {{question}}".format(question=q)`), or a template kept in a prompt file of the
    repository (`prompts.yaml`, `judge.txt`) that the file names and fills with `.format(**fields)` or
    `.format(question=...)`. `str.format` reads `{{` and `}}` as escaped braces: the text keeps a
    literal `{question}` and the value is never put in. A file that renders templates with a template
    engine (jinja2, chevron, `string.Template`, LangChain's or LlamaIndex's prompt templates), a prompt
    file that also has single-brace fields (`{{` there escapes a brace of a JSON example), and a
    literal whose doubled-brace names no argument of the call are left alone.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `"Q: {{question}}".format(question=q)` | yes | `"Q: {question}".format(question=q)`; `'{{"answer": "{letter}"}}'.format(letter=x)` |
    | `yaml.safe_load(open("prompts.yaml"))` with `Question: {{question}}`, then `raw.format(**vars)` | yes | `jinja2.Template(raw).render(**vars)` |

    ## Why is this bad?
    The model is sent `Question: {question}` instead of the question: every item gets the same
    prompt, the answers are guesses, and the run still finishes with plausible numbers.

    ## Example
        prompt = "Answer truthfully.\\nQuestion: {{question}}\\nAnswer:".format(question=q)

    Use instead:
        prompt = "Answer truthfully.\\nQuestion: {question}\\nAnswer:".format(question=q)
    """

    code = "PROMPT012"
    category = "PROMPT-FSTRING"
    severity = Severity.ERROR
    message = ("`{call}` fills {where_fields} with `str.format`, which reads `{{{{` and `}}}}` as escaped braces: the text "
               "keeps a literal {shown} and the value never reaches the model")
    question = "Does the prompt built at {where} contain {shown} literally? Print one rendered prompt."
    triggers = (".format(", ".format_map(")
    examples = [
        invalid("""
            def build(q):
                return "Answer truthfully.\\nQuestion: {{question}}\\nAnswer:".format(question=q)  # expect: PROMPT012
        """, note="a doubled-brace field named by an argument of the call"),
        valid("""
            def build(q):
                return "Answer truthfully.\\nQuestion: {question}\\nAnswer:".format(question=q)
        """, note="near miss: a single-brace field"),
        valid("""
            def build(letter):
                return 'Reply with JSON: {{"answer": "{letter}"}}'.format(letter=letter)
        """, note="near miss: doubled braces escape a JSON example; the field is single-braced"),
        invalid({
            "prompts.yaml": "prompts:\n  - id: direct\n    raw: |\n      Question: {{question}}\n      Answer:\n",
            "harness.py": """\
                import yaml

                def render(raw, fields):
                    return raw.format(**fields)  # expect: PROMPT012

                prompts = yaml.safe_load(open("prompts.yaml"))["prompts"]
                for p in prompts:
                    msg = render(p["raw"], {"question": "What is 2 + 2?"})
                """,
        }, note="probe 15: promptfoo-style YAML prompts (`{{question}}`) filled with `str.format`"),
        valid({
            "prompts.yaml": "prompts:\n  - id: direct\n    raw: |\n      Question: {{question}}\n      Answer:\n",
            "harness.py": """\
                import yaml
                from jinja2 import Template

                def render(raw, fields):
                    return Template(raw).render(**fields)

                prompts = yaml.safe_load(open("prompts.yaml"))["prompts"]
                for p in prompts:
                    msg = render(p["raw"], {"question": "What is 2 + 2?"})
                """,
        }, note="near miss: rendered with jinja2"),
        valid({
            "prompts.yaml": "judge: |\n  Grade {answer}. Reply as JSON {{\"score\": 1}}.\n",
            "grade.py": """\
                import yaml
                JUDGE = yaml.safe_load(open("prompts.yaml"))["judge"]
                def prompt(answer):
                    return JUDGE.format(answer=answer)
                """,
        }, note="near miss: the file's own fields are single-braced; `{{` escapes a JSON brace"),
    ]

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self.files: set[str] = set()
        self.calls: list[dict] = []

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        text = string_value(node)
        if text and _PROMPT_FILE.fullmatch(text.strip()) and len(text) < 200:
            self.files.add(text.strip())

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if not (isinstance(func, cst.Attribute) and func.attr.value in ("format", "format_map") and node.args):
            return
        keywords = sorted(a.keyword.value for a in node.args if a.keyword is not None)
        spread = any(a.star == "**" for a in node.args) or func.attr.value == "format_map"
        literal = string_value(func.value) if isinstance(func.value, (cst.SimpleString, cst.ConcatenatedString)) else None
        if literal is not None:
            doubled = [n for n in _DOUBLE.findall(literal) if n in keywords]
            if doubled and not _SINGLE.search(_DOUBLE.sub("", literal)):
                self.report(node, call=self.ctx.code(node)[:60].split("\n")[0] + "...", where_fields="a literal's fields",
                            shown=", ".join(f"`{{{n}}}`" for n in doubled))
            return
        if keywords or spread:
            self.calls.append({"line": self.ctx.line_of(node), "call": self.ctx.code(func) + "(...)",
                               "keywords": keywords, "spread": spread})

    def finish(self) -> None:
        if self.calls and self.files and not _ENGINES.search(self.ctx.text):
            self.ctx.facts[self.code] = {"calls": self.calls[:20], "files": sorted(self.files)[:40]}

    @classmethod
    def check_repo(cls, repo) -> None:  # type: ignore[no-untyped-def]
        for path, fact in repo.facts(cls.code):
            folder = str(PurePosixPath(path).parent)
            templates: dict[str, list[str]] = {}
            for name in fact.get("files", []):
                for relative in dict.fromkeys([name.removeprefix("./"), f"{folder}/{name}".removeprefix("./")]):
                    try:
                        text = repo.read_bytes(relative).decode("utf-8", errors="replace")
                    except (OSError, ValueError):
                        continue
                    doubled = list(dict.fromkeys(_DOUBLE.findall(text)))
                    if doubled and not _SINGLE.search(_DOUBLE.sub("", text)):
                        templates[relative] = doubled
                    break
            if not templates:
                continue
            for call in fact.get("calls", []):
                for file, fields in templates.items():
                    named = [f for f in fields if f in call["keywords"]]
                    if not (named or call["spread"]):
                        continue
                    shown = ", ".join(f"`{{{f}}}`" for f in (named or fields)[:3])
                    repo.report(cls, path, call["line"], call=call["call"], where_fields=f"the `{{{{field}}}}` templates of {file}",
                                shown=shown, related=(Location(file, None, "templates written with `{{field}}`"),))
                    break

"""DATA067: a model wrapper that accepts keyword settings and never hands them to its base, whose
constructor takes the generation's token limit."""
from __future__ import annotations

import libcst as cst

from hygiene.context import RepoContext
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, valid
from hygiene.walk import iter_nodes

# Parameters that bound how many tokens a model may generate.
TOKEN_LIMITS = frozenset("""
max_new_tokens max_tokens max_length max_gen_len max_gen_toks max_output_tokens max_completion_tokens
max_decode_length max_target_length max_new_len generation_max_length max_tokens_to_sample
""".split())


def _base_names(node: cst.ClassDef) -> list[str]:
    names = []
    for arg in node.bases:
        value = arg.value
        if isinstance(value, cst.Attribute):
            names.append(value.attr.value)
        elif isinstance(value, cst.Name):
            names.append(value.value)
    return names


def _init(node: cst.ClassDef) -> cst.FunctionDef | None:
    body = node.body.body if isinstance(node.body, cst.IndentedBlock) else ()
    return next((s for s in body if isinstance(s, cst.FunctionDef) and s.name.value == "__init__"), None)


def _parent_init_call(func: cst.FunctionDef, bases: list[str]) -> cst.Call | None:
    """`super().__init__(...)`, `super(Cls, self).__init__(...)` or `Base.__init__(self, ...)`."""
    for node in iter_nodes(func.body):
        if not (isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "__init__"):
            continue
        owner = node.func.value
        if isinstance(owner, cst.Call) and isinstance(owner.func, cst.Name) and owner.func.value == "super":
            return node
        if isinstance(owner, cst.Name) and owner.value in bases:
            return node
    return None


class TokenLimitKwargsDropped(Rule):
    """
    ## What it does
    Finds a class whose `__init__` accepts keyword settings (`**kwargs`), never reads them, and
    calls its base class's `__init__` without them, while that base's constructor (in the
    repository) takes the generation's token limit (`max_new_tokens`, `max_tokens`,
    `max_length`, ...) with a default the call does not override. Whatever limit a caller or a
    config passes for this model is accepted and thrown away.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `class Llama2Chat(Huggingface): def __init__(self, path, system=None, **kwargs): super().__init__(path, system=system)` (base in another module) | yes | `super().__init__(path, system=system, **kwargs)` |
    | `Base.__init__(self, name)` in a subclass taking `**options` (same file) | yes | the subclass sets `self.max_tokens` itself |
    | a subclass dropping `**kwargs` whose base takes no token limit | no | |

    ## Why is this bad?
    The evaluation runs and reports numbers, but every reply of this model is cut at the base
    class's default limit instead of the one configured: long chain-of-thought answers are
    truncated and scored as wrong (or short limits silently ignored), and the model is compared
    with others that were given the configured limit. Nothing fails, so the numbers look like the
    model's.

    ## Example
        class Llama2Chat(Huggingface):
            def __init__(self, model_path, default_system=None, **kwargs):
                super().__init__(model_path, default_system=default_system)

    Use instead:
        class Llama2Chat(Huggingface):
            def __init__(self, model_path, default_system=None, **kwargs):
                super().__init__(model_path, default_system=default_system, **kwargs)
    """

    code = "DATA067"
    category = "DATA-TRUNC"
    severity = Severity.WARNING
    message = ("`{klass}.__init__` accepts `**{kwargs}` and never passes them on: `{base}.__init__`'s `{limit}` "
               "(default `{default}`) is never set from them, so a token limit configured for this model is "
               "dropped and its outputs are cut at the default")
    question = "Should `{klass}.__init__` at {where} hand `**{kwargs}` to `{base}.__init__`, so `{limit}` reaches it?"
    triggers = ("**", "max_")
    examples = [
        invalid({
            "models/huggingface.py": """
                DEFAULT_MAX_NEW_TOKENS = 1024

                class Huggingface:
                    def __init__(self, model_path, *, user, assistant, default_system="", max_new_tokens=DEFAULT_MAX_NEW_TOKENS):
                        self.model_path = model_path
                        self.max_new_tokens = max_new_tokens

                    def reply(self, conversation, max_new_tokens=None):
                        return self.generate(conversation, max_new_tokens or self.max_new_tokens)
            """,
            "models/llama2_chat.py": """
                from .huggingface import Huggingface

                class Llama2Chat(Huggingface):
                    def __init__(self, model_path, default_system_message=None, **kwargs):
                        if default_system_message is None:
                            default_system_message = "You are a helpful assistant."
                        super().__init__(model_path, user=None, assistant=None, default_system=default_system_message)  # expect: DATA067
            """,
        }, note="real bug 11 (FastEval): the subclass swallows the configured max_new_tokens"),
        valid({
            "models/huggingface.py": """
                class Huggingface:
                    def __init__(self, model_path, *, user, assistant, default_system="", max_new_tokens=1024):
                        self.max_new_tokens = max_new_tokens
            """,
            "models/llama2_chat.py": """
                from .huggingface import Huggingface

                class Llama2Chat(Huggingface):
                    def __init__(self, model_path, default_system_message=None, **kwargs):
                        super().__init__(model_path, user=None, assistant=None, default_system=default_system_message, **kwargs)
            """,
        }, note="the twin: the settings are handed on"),
        invalid("""
            class ChatModel:
                def __init__(self, name, temperature=0.0, max_tokens=256):
                    self.name, self.temperature, self.max_tokens = name, temperature, max_tokens

            class ClaudeJudge(ChatModel):
                def __init__(self, name, rubric, **options):
                    ChatModel.__init__(self, name)  # expect: DATA067
                    self.rubric = rubric
        """, note="one file, the base called by name"),
        valid("""
            class ChatModel:
                def __init__(self, name, temperature=0.0, max_tokens=256):
                    self.name, self.temperature, self.max_tokens = name, temperature, max_tokens

            class ClaudeJudge(ChatModel):
                def __init__(self, name, rubric, **options):
                    ChatModel.__init__(self, name)
                    self.max_tokens = options.get("max_tokens", 1024)
                    self.rubric = rubric
        """, note="near miss: the options are read and the limit set from them"),
        valid("""
            class Encoder:
                def __init__(self, dim, dropout=0.1):
                    self.dim, self.dropout = dim, dropout

            class TextEncoder(Encoder):
                def __init__(self, dim, **kwargs):
                    super().__init__(dim)
        """, note="near miss: the base takes no token limit"),
    ]

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self.classes: dict[str, dict] = {}
        self.dropping: list[dict] = []

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        init = _init(node)
        if init is None:
            return
        limits = {}
        for param in (*init.params.params, *init.params.kwonly_params):
            if param.name.value in TOKEN_LIMITS and param.default is not None:
                limits[param.name.value] = self.ctx.code(param.default)[:40]
        if limits:
            self.classes[node.name.value] = {"limits": limits}
        star = init.params.star_kwarg
        bases = _base_names(node)
        if not isinstance(star, cst.Param) or not bases:
            return
        kwargs = star.name.value
        if any(isinstance(n, cst.Name) and n.value == kwargs for n in iter_nodes(init.body)):
            return  # read, handed on or unpacked somewhere
        call = _parent_init_call(init, bases)
        if call is None:
            return
        passed = {a.keyword.value for a in call.args if a.keyword is not None}
        assigned = {n.attr.value for n in iter_nodes(init.body)
                    if isinstance(n, cst.Attribute) and isinstance(n.value, cst.Name) and n.value.value == "self"}
        qualified = [self.qualified_name(arg.value) for arg in node.bases]
        self.dropping.append({"cls": node.name.value, "bases": bases, "kwargs": kwargs, "line": self.ctx.line_of(call),
                              "passed": sorted(passed | assigned), "qualified": qualified})

    def finish(self) -> None:
        if self.classes or self.dropping:
            self.ctx.facts[self.code] = {"classes": self.classes, "dropping": self.dropping}

    @classmethod
    def check_repo(cls, repo: RepoContext) -> None:
        facts = list(repo.facts(cls.code))
        defined: dict[str, list[dict]] = {}
        for path, fact in facts:
            for name, info in fact.get("classes", {}).items():
                defined.setdefault(name, []).append({**info, "path": path})
        for path, fact in facts:
            for drop in fact.get("dropping", []):
                for base, qualified in zip(drop["bases"], drop.get("qualified") or [None] * len(drop["bases"])):
                    chosen = _definition(defined.get(base, []), path, base, qualified)
                    if chosen is None:
                        continue
                    missing = [limit for limit in chosen["limits"] if limit not in drop["passed"]]
                    if not missing:
                        continue
                    limit = missing[0]
                    repo.report(cls, path, drop["line"], klass=drop["cls"], kwargs=drop["kwargs"], base=base,
                                limit=limit, default=chosen["limits"][limit])
                    break


def _definition(candidates: list[dict], path: str, base: str, qualified: str | None) -> dict | None:
    """The repository's class a base names: the one of the same file, or the one whose module the
    import resolves to (`evaluation.models.huggingface.Huggingface`); a library's class is none."""
    same_file = [c for c in candidates if c["path"] == path]
    if same_file:
        return same_file[0]
    if not qualified or "." not in qualified:
        return None
    module = qualified.rsplit(".", 1)[0].lstrip(".")
    for candidate in candidates:
        own = candidate["path"].rsplit(".", 1)[0].replace("/", ".")
        if own == module or own.endswith("." + module):  # `src/pkg/models.py` for `pkg.models`
            return candidate
    return None

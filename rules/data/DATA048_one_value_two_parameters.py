"""DATA048: a value named for one parameter of a repo function passed for another parameter too."""
from __future__ import annotations

from typing import Any

import libcst as cst

from hygiene.analysis.apis.torch import name_tokens
from hygiene.analysis.names import dotted
from hygiene.discovery import is_test_path
from hygiene.analysis.modules import locate_defined
from hygiene.cache.summaries import summaries
from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, valid, notebook

# Parameters that size or shape something: one size is often passed for several on purpose
# (`Block(dim, hidden=dim, out=dim)`, `resize(img, size, size)`).
SIZE_WORDS = frozenset("""
dim dims size sizes width height depth hidden hid nhid channels channel ch features feature feats feat nfeat
units len length n num count shape heads layers embed embedding emb ff d k in out padding dilation stride kernel
""".split())
# A device is often given as the process's rank or GPU index (`move(batch, rank, world, rank)`).
DEVICE_WORDS = frozenset("device devices gpu gpus cuda rank".split())


class OneValueTwoParameters(Rule):
    """
    ## What it does
    Finds a call of a function or class defined in the repository that passes one value (a name or
    an attribute such as `cfg.frac`) for two of its parameters, where the value is named exactly
    like one of them and the other parameter means something else: `keep_best(data, cfg.frac,
    cfg.frac)` for `def keep_best(data, frac, discount)`, `Runner(net, loader, loader)`
    for `(model, loader, temperature)`, also by keyword and for a class's
    `__init__`. The callee is found in the same file or through an import of the repository.

    Not reported: a value named for neither parameter (self-attention's `attn(x, x, x)`); two
    parameters with a word in common (`seed` and `shuffle_seed`, `pad_token_id` and
    `decoder_start_token_id`: kinds of one thing); sizes, counts and convolution geometry (`dim`,
    `in_feats`, `padding`: one size is often passed for several on purpose); a device given the
    process rank; one-letter parameters; literals and calls; a wrapper whose whole body returns the
    call (`return describe(var, var, opts)`: a convenience form); test files.

    A checklist question by default (`--select DATA048` makes it a finding): its first two findings
    on repositories nobody tuned on (held-out set 11, TAP's `prune(..., sorting_score=on_topic_scores)`)
    passed one value for two parameters by design, which the callee's docstring describes; one call
    cannot show whether the second parameter was meant to get another value.

    ## Why is this bad?
    The second parameter silently gets a value of another meaning: a discount factor of 0.1
    because the kept fraction is 0.1, the evaluation run on the training loader. Nothing fails,
    and the numbers come from a computation other than the one the call names. When the same
    value is really meant for both, passing it by keyword for the second says so.

    ## Example
        def keep_best_episodes(data, frac, discount): ...
        keep_best_episodes(data, cfg.frac, cfg.frac)

    Use instead:
        keep_best_episodes(data, cfg.frac, cfg.discount)
    """

    code = "DATA048"
    default = "question"  # 0 of 2 real on its first unseen repositories (held-out set 11): see the docs
    category = "DATA-UNEXAMINED"
    severity = Severity.WARNING
    message = ("`{value}` is passed to `{callee}` for `{first}` and also for `{second}`: the parameter "
               "`{second}` gets the value named for `{first}`")
    question = "Is `{value}` at {where} really meant for `{second}` of `{callee}` too, not only `{first}`?"
    examples = [
        invalid("""
            def keep_best_episodes(data, frac, discount, max_len=1000):
                return data

            def main(cfg, data):
                data = keep_best_episodes(data, cfg.frac, cfg.frac)  # expect: DATA048
        """),
        invalid("""
            class Runner:
                def __init__(self, model, loader, temperature):
                    self.model = model

            runner = Runner(net, loader, loader)  # expect: DATA048
        """, note="a class's constructor; the value is named exactly for one parameter"),
        invalid("""
            def anneal(opt, lr, momentum):
                return opt

            sched = anneal(opt, lr=args.lr,  # expect: DATA048
                           momentum=args.lr)
        """, note="by keyword"),
        valid("""
            def describe(var, desc, opts):
                return f"{desc}: {var} in {opts}"

            def describe_plain(var, opts):
                return describe(var, var, opts)
        """, note="near miss: a convenience wrapper filling two parameters with one value on purpose"),
        valid("""
            def keep_best_episodes(data, frac, discount, max_len=1000):
                return data

            def main(cfg, data):
                data = keep_best_episodes(data, cfg.frac, cfg.discount)
        """, note="near miss: each parameter its own value"),
        valid("""
            class Attention:
                def __init__(self, dim): ...
                def forward(self, query, key, value): ...

            def block(attn, h):
                return attn.forward(h, h, h)
        """, note="near miss: a value named for none of the parameters (self-attention)"),
        valid("""
            def split(rows, seed, shuffle_seed):
                return rows

            parts = split(rows, args.seed, args.seed)
        """, note="near miss: the second parameter is a special case of the first"),
        valid("""
            class Block:
                def __init__(self, dim, hidden_dim, out_dim): ...

            layer = Block(dim, dim, dim)
        """, note="near miss: sizes"),
        valid("""
            score = f1_score(y_true, y_true)
        """, note="near miss: not a function of the repository (its parameters are not read here)"),
        invalid({
            "rl/filtering.py": '''
                def keep_best_episodes(data, frac, discount, max_len=1000):
                    return sorted(data, key=lambda ep: ep.ret(discount))[-int(len(data) * frac):]
            ''',
            "rl/train.py": '''
                from rl.filtering import keep_best_episodes

                class Trainer:
                    def prepare(self, data):
                        kept = keep_best_episodes(data, self.cfg.frac, self.cfg.frac)  # expect: DATA048
                        return self.to_batches(kept)
            ''',
        }, note="across modules: the helper imported from another module, the fraction passed for the discount too"),
        valid({
            "rl/filtering.py": '''
                def keep_best_episodes(data, frac, discount, max_len=1000):
                    return sorted(data, key=lambda ep: ep.ret(discount))[-int(len(data) * frac):]
            ''',
            "rl/train.py": '''
                from rl.filtering import keep_best_episodes

                class Trainer:
                    def prepare(self, data):
                        kept = keep_best_episodes(data, self.cfg.frac, self.cfg.discount)
                        return self.to_batches(kept)
            ''',
        }, note="near miss: each parameter its own value"),
        invalid({"sampling.ipynb": notebook(
            """
            def generate(model, prompts, temperature, top_p):
                return [model.sample(p, temperature=temperature, top_p=top_p) for p in prompts]
            """,
            """
            temperature = 0.7
            outs = generate(model, prompts, temperature, temperature)  # expect: DATA048
            """,
        )}, note="notebook: the function in one cell, the temperature passed for top_p too in the next"),
        valid({"sampling.ipynb": notebook(
            """
            def generate(model, prompts, temperature, top_p):
                return [model.sample(p, temperature=temperature, top_p=top_p) for p in prompts]
            """,
            """
            temperature, top_p = 0.7, 0.95
            outs = generate(model, prompts, temperature, top_p)
            """,
        )}, note="near miss: each its own value"),
    ]

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        params = node.params
        if params.star_arg is not None and isinstance(params.star_arg, cst.Param):
            positional = None  # `*args`: positions after it are not known
        else:
            positional = [p.name.value for p in (*params.posonly_params, *params.params)]
        keywords = [p.name.value for p in (*params.posonly_params, *params.params, *params.kwonly_params)]
        qualified = self._qualified_def(node.name.value)
        if qualified:
            self.ctx.facts.setdefault(self.code, {}).setdefault("defs", {})[qualified] = {
                "pos": positional, "kw": keywords}

    def visit_Call(self, node: cst.Call) -> None:
        args = [a for a in node.args]
        if len(args) < 2 or any(a.star for a in args):
            return
        # names without generating code (`dotted`): this runs on every call with two arguments
        texts = [dotted(arg.value) if isinstance(arg.value, (cst.Name, cst.Attribute)) else None for arg in args]
        seen = [t for t in texts if t]
        if len(seen) == len(set(seen)):
            return
        callee = self._callee(node.func)
        if not callee or is_test_path(self.ctx.path) or self._wrapper(node):
            return
        slots = [{"pos": i if a.keyword is None else None, "kw": a.keyword.value if a.keyword else None,
                  "text": t} for i, (a, t) in enumerate(zip(args, texts))]
        self.ctx.facts.setdefault(self.code, {}).setdefault("calls", []).append(
            # the statement's line, from `ast` (`line_here`): positions would generate the file's code
            {"callee": callee, "line": self.ctx.line_here(node), "slots": slots, "code": dotted(node.func) or callee})

    def _wrapper(self, node: cst.Call) -> bool:
        """Is the call the whole body of a function that returns it (`def by_name(var, opts): return
        describe(var, var, opts)`)? A convenience wrapper that fills two parameters with one value
        on purpose."""
        parents = self.ctx.parents
        if len(parents) < 4 or not isinstance(parents[-1], cst.Return):
            return False
        function = next((p for p in reversed(parents) if isinstance(p, cst.FunctionDef)), None)
        body = function.body.body if function is not None and isinstance(function.body, cst.IndentedBlock) else ()
        statements = [b for b in body if not (isinstance(b, cst.SimpleStatementLine) and len(b.body) == 1
                                             and isinstance(b.body[0], cst.Expr)
                                             and isinstance(b.body[0].value, cst.SimpleString))]
        return len(statements) == 1

    def _scope(self) -> list[str]:
        return [p.name.value for p in self.ctx.parents if isinstance(p, (cst.ClassDef, cst.FunctionDef))]

    def _qualified_def(self, name: str) -> str | None:
        return ".".join(x for x in (self.ctx.names.module_name, *self._scope(), name) if x)

    def _callee(self, func: cst.BaseExpression) -> str | None:
        """What the call calls, as a qualified name: `name`, `module.name`, `self.method` (the method
        of the enclosing class)."""
        if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name) and func.value.value == "self":
            scope = self._scope()
            if len(scope) >= 2:
                return ".".join(x for x in (self.ctx.names.module_name, *scope[:-1], func.attr.value) if x)
            return None
        return self.qualified_name(func)

    @classmethod
    def check_repo(cls, repo: Any) -> None:
        defs: dict[str, Any] = {}  # qualified name -> `_compact` entry
        calls: list[tuple[str, dict[str, Any]]] = []
        by_file: dict[str, dict[str, Any]] = {}
        for path, facts in summaries(repo, cls.code, _compact, "compact1"):  # unchanged files' from one store
            defs.update(facts.get("defs", {}))
            by_file[path] = facts.get("defs", {})
            calls.extend((path, call) for call in facts.get("calls", []))
        for path, call in calls:
            if call["callee"] not in defs and call["callee"] + ".__init__" not in defs:
                # `from rl.filtering import f` of a folder without `__init__.py`: the file's own name for `f`
                located = locate_defined(repo, call["callee"], path)
                own = [q for q in by_file.get(located[0], {}) if q.rsplit(".", 1)[-1] == located[1]
                       or q.endswith(f".{located[1]}.__init__")] if located else []
                if own:
                    q = min(own, key=lambda d: d.count(".")).removesuffix(".__init__")  # the top-level one
                    call = {**call, "callee": q}
            found = _finding(call, defs)
            if found:
                value, first, second, line = found
                repo.report(cls, path, line, value=value, first=first, second=second, callee=call["code"],
                            related=[Location(path, call["line"], f"the call of `{call['code']}`")])


def _compact(fact: dict[str, Any]) -> dict[str, Any]:
    """The fact as the repository phase reads it, stored across scans: each definition as [the
    number of positional parameters (-1 after `*args`), *its keyword names], the positional ones
    being the first keywords; 40% less time to decode than {"pos": [...], "kw": [...]} on every
    scan (issue 12). A definition of another shape is kept as it is."""
    defs = {}
    for q, entry in fact.get("defs", {}).items():
        positional, keywords = entry["pos"], entry["kw"]
        if positional is None:
            defs[q] = [-1, *keywords]
        elif positional == keywords[:len(positional)]:
            defs[q] = [len(positional), *keywords]
        else:
            defs[q] = entry
    return {"defs": defs, "calls": fact.get("calls", [])}


def _signature(callee: str, defs: dict[str, Any]) -> tuple[list[str] | None, list[str]] | None:
    """The positional parameters (None when unknown) and keyword names of `callee`, `self` left out."""
    entry = defs.get(callee)
    method = False
    if entry is None and callee + ".__init__" in defs:
        entry, method = defs[callee + ".__init__"], True
    if entry is None:
        return None
    if isinstance(entry, list):  # `_compact`
        keywords = entry[1:]
        positional = keywords[:entry[0]] if entry[0] >= 0 else None
    else:
        positional, keywords = entry["pos"], list(entry["kw"])
    if keywords and keywords[0] in ("self", "cls"):
        method = True
    if method and keywords and keywords[0] in ("self", "cls"):
        keywords = keywords[1:]
        positional = positional[1:] if positional else positional
    return positional, keywords


def _finding(call: dict[str, Any], defs: dict[str, Any]) -> tuple[str, str, str, int] | None:
    signature = _signature(call["callee"], defs)
    if signature is None:
        return None
    positional, keywords = signature
    by_value: dict[str, list[str]] = {}
    for slot in call["slots"]:
        if not slot["text"]:
            continue
        if slot["kw"] is not None:
            param = slot["kw"] if slot["kw"] in keywords else None
        else:
            param = positional[slot["pos"]] if positional is not None and slot["pos"] < len(positional) else None
        if param is None:
            return None  # a parameter we cannot name: the signature is not the one called
        by_value.setdefault(slot["text"], []).append(param)
    for value, params in by_value.items():
        if len(params) != 2 or params[0] == params[1]:
            continue
        leaf = value.rsplit(".", 1)[-1]
        named = [p for p in params if p == leaf]
        if len(named) != 1:
            continue
        first = named[0]
        second = params[1] if params[0] == first else params[0]
        if _related(first, second):
            continue
        return value, first, second, call["line"]
    return None


def _related(first: str, second: str) -> bool:
    """Parameters one value may well serve: short names, sizes, devices, or names with a word in common."""
    words_first = [w for w in name_tokens(first) if not w.isdigit()]
    words_second = [w for w in name_tokens(second) if not w.isdigit()]
    if len(first) < 2 or len(second) < 2 or not words_first or not words_second:
        return True
    if (set(words_first) | set(words_second)) & (SIZE_WORDS | DEVICE_WORDS):
        return True
    # A word in common (`pad_token_id`, `decoder_start_token_id`; `seed`, `shuffle_seed`): two kinds
    # of one thing, which one value may serve on purpose.
    return bool(set(words_first) & set(words_second))

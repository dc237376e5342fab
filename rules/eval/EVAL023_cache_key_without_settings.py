"""EVAL023: a cache key built from run settings that leaves out the generation settings the cached objects hold."""
from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from hygiene.analysis.apis.torch import name_tokens
from hygiene.finding import Location, Severity
from hygiene.analysis.names import dotted
from hygiene.rule import Rule, invalid, notebook, valid
from hygiene.walk import iter_nodes

# Settings of a model call that change what comes back (and what a built request carries).
SAMPLING_SETTINGS = frozenset({
    "generation_kwargs", "gen_kwargs", "generate_kwargs", "generation_config", "sampling_params", "temperature",
    "top_p", "top_k", "max_tokens", "max_new_tokens", "max_gen_toks", "do_sample", "num_beams", "until",
    "stop_sequences", "num_return_sequences",
})


@dataclass
class _Function:
    name: str
    reads: dict[str, int] = field(default_factory=dict)   # sampling settings read through `self`, with a line
    calls: set[str] = field(default_factory=set)          # `self.<method>(...)` called
    keys: dict[str, list[tuple[int, cst.BaseExpression]]] = field(default_factory=dict)  # name -> assignments
    cache_uses: list[tuple[str, str]] = field(default_factory=list)  # (cache function, key name)
    owner: str = ""                                        # the class it is a method of
    bases: tuple[str, ...] = ()                            # that class's bases, as written (last part)


class CacheKeyWithoutSettings(Rule):
    """
    ## What it does
    Finds a cache of built requests or outputs whose file or key is named from the run's settings
    (`f"requests-{task}-{num_fewshot}shot-rank{rank}"`), read back with a cache function
    (`load_from_cache(file_name=key)`) and written with one, when the objects it holds are built
    by a method of the class (`self.construct_requests(...)`, also an override in a subclass of the
    same file or of another module) that reads a generation setting from the object (`self.config.generation_kwargs`,
    `self.temperature`, `max_new_tokens`) which the key does not name.

    ## Why is this bad?
    A rerun with other generation settings (another temperature, `do_sample`, stop sequences or
    token limit) finds the key it expects and loads the objects built for the old settings: the
    run reports results at settings it was not asked for, with no error or warning.

    ## Example
        cache_key = f"requests-{self.config.task}-{self.config.num_fewshot}shot-rank{rank}"
        cached = load_from_cache(file_name=cache_key)
        ...
        instances.append(self.construct_requests(doc, ctx))   # holds self.config.generation_kwargs
        save_to_cache(file_name=cache_key, obj=instances)

    Use instead:
        cache_key += f"-gen{hash_string(json.dumps(self.config.generation_kwargs, sort_keys=True))}"
    """

    code = "EVAL023"
    category = "EVAL-CACHE"
    severity = Severity.ERROR
    message = ("The cache key `{key}` at {where} is built from {parts} but not `{setting}`, which `{method}` "
               "({read_at}) puts into the cached objects: a rerun with other generation settings loads the old ones")
    question = "Does the cache key `{key}` at {where} change when `{setting}` does?"
    # An override in another module that reads a setting may name no cache (the repo phase).
    triggers = ("cache", *sorted(SAMPLING_SETTINGS))
    examples = [
        invalid({
            "harness/__init__.py": "",
            "harness/task.py": """
                from harness.caching import load_from_cache, save_to_cache

                class Task:
                    def build_all_requests(self, rank=0, cache_requests=False):
                        cache_key = f"requests-{self.config.task}-{self.config.num_fewshot}shot-rank{rank}"  # expect: EVAL023
                        cached = load_from_cache(file_name=cache_key, cache=cache_requests)
                        if cached:
                            self.instances = cached
                            return
                        instances = [self.construct_requests(doc, self.fewshot_context(doc)) for doc in self.docs()]
                        save_to_cache(file_name=cache_key, obj=instances)
                        self.instances = instances

                    def construct_requests(self, doc, ctx):
                        raise NotImplementedError
            """,
            "harness/generate.py": """
                from harness.task import Task

                class GenerateTask(Task):
                    def construct_requests(self, doc, ctx):
                        return Instance(doc=doc, arguments=(ctx, dict(self.config.generation_kwargs)))
            """,
        }, note="across modules: the cache key is built in the base class; the subclass in another module puts "
                "the generation kwargs into every cached request"),
        valid({
            "harness/__init__.py": "",
            "harness/task.py": """
                import json
                from harness.caching import load_from_cache, save_to_cache

                class Task:
                    def build_all_requests(self, rank=0, cache_requests=False):
                        cache_key = f"requests-{self.config.task}-{self.config.num_fewshot}shot-rank{rank}"
                        cache_key += "-gen" + str(hash(json.dumps(self.config.generation_kwargs, sort_keys=True)))
                        cached = load_from_cache(file_name=cache_key, cache=cache_requests)
                        if cached:
                            self.instances = cached
                            return
                        instances = [self.construct_requests(doc, self.fewshot_context(doc)) for doc in self.docs()]
                        save_to_cache(file_name=cache_key, obj=instances)
                        self.instances = instances

                    def construct_requests(self, doc, ctx):
                        raise NotImplementedError
            """,
            "harness/generate.py": """
                from harness.task import Task

                class GenerateTask(Task):
                    def construct_requests(self, doc, ctx):
                        return Instance(doc=doc, arguments=(ctx, dict(self.config.generation_kwargs)))
            """,
        }, note="near miss of the same layout: the key hashes the generation kwargs"),
        invalid({"sweep.ipynb": notebook(
            """
            import json, os
            from openai import OpenAI
            """,
            """
            class CachedClient:
                def __init__(self, model, temperature):
                    self.client = OpenAI()
                    self.model, self.temperature = model, temperature

                def complete(self, prompt):
                    key = f"{self.model}-{prompt}"  # expect: EVAL023
                    hit = self.read_cache(key)
                    if hit is None:
                        hit = self.call(prompt)
                        self.write_cache(key, hit)
                    return hit

                def call(self, prompt):
                    r = self.client.chat.completions.create(model=self.model, temperature=self.temperature,
                                                            messages=[{"role": "user", "content": prompt}])
                    return r.choices[0].message.content
            """,
            """
            outputs = {t: [CachedClient("gpt-4o-mini", t).complete(p) for p in prompts] for t in (0.0, 0.7, 1.2)}
            """,
        )}, note="notebook: a client class whose cache key leaves out the temperature, swept in the next cell"),
        valid({"sweep.ipynb": notebook(
            """
            import json, os
            from openai import OpenAI
            """,
            """
            class CachedClient:
                def __init__(self, model, temperature):
                    self.client = OpenAI()
                    self.model, self.temperature = model, temperature

                def complete(self, prompt):
                    key = f"{self.model}-{self.temperature}-{prompt}"
                    hit = self.read_cache(key)
                    if hit is None:
                        hit = self.call(prompt)
                        self.write_cache(key, hit)
                    return hit

                def call(self, prompt):
                    r = self.client.chat.completions.create(model=self.model, temperature=self.temperature,
                                                            messages=[{"role": "user", "content": prompt}])
                    return r.choices[0].message.content
            """,
            """
            outputs = {t: [CachedClient("gpt-4o-mini", t).complete(p) for p in prompts] for t in (0.0, 0.7, 1.2)}
            """,
        )}, note="near miss: the same cells with the temperature in the key"),
        invalid("""
            from harness.caching import load_from_cache, save_to_cache

            class Task:
                def build_all_requests(self, rank=0, cache_requests=False):
                    cache_key = f"requests-{self.config.task}-{self.config.num_fewshot}shot-rank{rank}"  # expect: EVAL023
                    cached = load_from_cache(file_name=cache_key, cache=cache_requests)
                    if cached:
                        self.instances = cached
                        return
                    instances = [self.construct_requests(doc, self.fewshot_context(doc)) for doc in self.docs()]
                    save_to_cache(file_name=cache_key, obj=instances)
                    self.instances = instances

            class GenerateTask(Task):
                def construct_requests(self, doc, ctx):
                    return Instance(doc=doc, arguments=(ctx, dict(self.config.generation_kwargs)))
        """, note="the override in a subclass puts the generation kwargs into every cached request"),
        valid("""
            import json
            from harness.caching import load_from_cache, save_to_cache

            class Task:
                def build_all_requests(self, rank=0, cache_requests=False):
                    cache_key = f"requests-{self.config.task}-{self.config.num_fewshot}shot-rank{rank}"
                    cache_key += "-gen" + str(hash(json.dumps(self.config.generation_kwargs, sort_keys=True)))
                    cached = load_from_cache(file_name=cache_key, cache=cache_requests)
                    if cached:
                        self.instances = cached
                        return
                    instances = [self.construct_requests(doc, self.fewshot_context(doc)) for doc in self.docs()]
                    save_to_cache(file_name=cache_key, obj=instances)
                    self.instances = instances

            class GenerateTask(Task):
                def construct_requests(self, doc, ctx):
                    return Instance(doc=doc, arguments=(ctx, dict(self.config.generation_kwargs)))
        """, note="near miss: the key holds a hash of the generation kwargs"),
        valid("""
            from harness.caching import load_from_cache, save_to_cache

            class Task:
                def build_all_requests(self, rank=0):
                    cache_key = f"requests-{self.config.task}-{self.config.num_fewshot}shot-rank{rank}"
                    cached = load_from_cache(file_name=cache_key)
                    if cached:
                        return cached
                    instances = [self.construct_requests(doc) for doc in self.docs()]
                    save_to_cache(file_name=cache_key, obj=instances)
                    return instances

                def construct_requests(self, doc):
                    return (self.doc_to_text(doc), self.doc_to_choice(doc))
        """, note="near miss: the cached requests hold no generation setting (log-likelihood requests)"),
        valid("""
            class Client:
                def __init__(self, model):
                    self.model = model
                    self.temperature = 0.0

                def complete(self, prompt):
                    key = f"{self.model}:{prompt}"
                    hit = self.read_cache(key)
                    if hit is None:
                        hit = self.call(prompt)
                        self.write_cache(key, hit)
                    return hit

                def call(self, prompt):
                    return self.api.create(model=self.model, prompt=prompt, temperature=self.temperature)
        """, note="near miss: a temperature that never varies (a constant of the class) need not be in the key"),
    ]

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.functions: list[_Function] = []
        self.stack: list[_Function] = []
        self.constants: set[str] = set()
        self.classes: list[tuple[str, tuple[str, ...]]] = []

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        bases = tuple((dotted(b.value) or "").rsplit(".", 1)[-1] for b in node.bases if b.keyword is None)
        self.classes.append((node.name.value, bases))

    def leave_ClassDef(self, node: cst.ClassDef) -> None:
        self.classes.pop()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        owner, bases = self.classes[-1] if self.classes else ("", ())
        function = _Function(node.name.value, owner=owner, bases=bases)
        self.functions.append(function)
        self.stack.append(function)

    def leave_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.stack.pop()

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if not self.stack or node.attr.value not in SAMPLING_SETTINGS:
            return
        text = dotted(node)
        if text and text.startswith("self."):
            self.stack[-1].reads.setdefault(node.attr.value, self.ctx.line_of(node) or 0)

    def visit_Call(self, node: cst.Call) -> None:
        if not self.stack:
            return
        function = self.stack[-1]
        func = node.func
        if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name) and func.value.value == "self":
            function.calls.add(func.attr.value)
        name = dotted(func) if isinstance(func, (cst.Name, cst.Attribute)) else None
        if name and "cache" in name.rsplit(".", 1)[-1].lower():
            for arg in node.args:
                if isinstance(arg.value, cst.Name):
                    function.cache_uses.append((name, arg.value.value))

    def visit_Assign(self, node: cst.Assign) -> None:
        target = node.targets[0].target if len(node.targets) == 1 else None
        if isinstance(target, cst.Attribute) and isinstance(node.value, (cst.Integer, cst.Float, cst.SimpleString, cst.Name)) \
                and (dotted(target) or "").startswith("self.") and target.attr.value in SAMPLING_SETTINGS \
                and not (isinstance(node.value, cst.Name) and node.value.value not in ("True", "False", "None")):
            self.constants.add(target.attr.value)  # `self.temperature = 0.0`: a setting that never varies
        if self.stack and len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name):
            name = node.targets[0].target.value
            self.stack[-1].keys.setdefault(name, []).append((self.ctx.line_here(node) or 0, node.value))

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        if self.stack and isinstance(node.target, cst.Name) and isinstance(node.operator, cst.AddAssign):
            self.stack[-1].keys.setdefault(node.target.value, []).append((self.ctx.line_here(node) or 0, node.value))

    def finish(self) -> None:
        self.keyed: list[dict] = []
        self._keys_here()
        overrides = [{"name": f.name, "bases": list(f.bases), "reads": f.reads} for f in self.functions
                     if f.owner and f.bases and f.reads]
        if self.keyed or overrides:
            self.ctx.facts[self.code] = {"keyed": self.keyed[:10], "overrides": overrides[:50],
                                         "constants": sorted(self.constants)}

    @classmethod
    def check_repo(cls, repo) -> None:  # type: ignore[no-untyped-def]
        """A cache key of a class's method, and an override in a subclass of another module that reads a
        generation setting the key does not name."""
        keyed = [(path, k) for path, facts in repo.facts(cls.code) for k in facts.get("keyed", []) if k["cls"]]
        if not keyed:
            return
        for path, site in keyed:
            words = set(site["words"])
            for other, facts in repo.facts(cls.code):
                if other == path:
                    continue
                constants = set(facts.get("constants", []))
                found = next(((o, m) for o in facts.get("overrides", []) if site["cls"] in o["bases"]
                              and o["name"] in site["calls"] and (m := sorted(
                                  (line, s) for s, line in o["reads"].items() if s not in constants
                                  and s.lower() not in words and not set(name_tokens(s)) <= words))), None)
                if found is None:
                    continue
                override, missing = found
                setting = "`, `".join(s for _, s in missing)
                repo.report(cls, path, site["line"], key=site["key"],
                            parts=", ".join(f"`{p}`" for p in site["parts"]) or "other settings",
                            setting=setting, method=override["name"], read_at=f"{other}:{missing[0][0]}",
                            related=[Location(other, missing[0][0], f"`{missing[0][1]}` read here")])
                break

    def _keys_here(self) -> None:
        methods: dict[str, list[_Function]] = {}
        for function in self.functions:
            methods.setdefault(function.name, []).append(function)
        for function in self.functions:
            used = {}
            for cache_function, key in function.cache_uses:
                used.setdefault(key, set()).add(cache_function)
            for key, cache_functions in used.items():
                assignments = function.keys.get(key, [])
                if len(cache_functions) < 2 or not assignments or not _built_from_settings(assignments):
                    continue  # read and written by cache functions, named from several settings
                words = set()
                for _, value in assignments:
                    for node in _names(value):
                        words.update(name_tokens(node))
                        words.add(node.lower())
                found = self._unkeyed_setting(function, methods, words)
                if found is None:
                    # The override that reads a setting may be in a subclass of another module.
                    self.keyed.append({"cls": function.owner, "calls": sorted(function.calls), "words": sorted(words),
                                       "line": assignments[0][0], "key": key, "parts": [
                                           p for p in dict.fromkeys(p for _, v in assignments for p in _parts(v))
                                           if p != key][:8]})
                    continue
                setting, method, read_at = found
                line = assignments[0][0]
                parts = list(dict.fromkeys(p for _, v in assignments for p in _parts(v) if p != key))
                self.ctx.report(type(self), None, line=line,
                                related=(Location(self.ctx.path, read_at, f"`{setting}` read here"),),
                                fields=dict(key=key, parts=", ".join(f"`{p}`" for p in parts[:8]) or "other settings",
                                            setting=setting, method=method, read_at=f"{self.ctx.path}:{read_at}"))

    def _unkeyed_setting(self, function: _Function, methods: dict[str, list[_Function]],
                         words: set[str]) -> tuple[str, str, int] | None:
        """The generation settings read by a method the function calls (or its overrides) that the
        key does not name: ("`temperature`, `max_tokens`", the method, the first read's line)."""
        for called in sorted(function.calls):
            for method in methods.get(called, []):
                if method is function:
                    continue
                missing = [(line, setting) for setting, line in method.reads.items() if setting not in self.constants
                           and setting.lower() not in words and not set(name_tokens(setting)) <= words]
                if missing:
                    missing.sort()
                    return "`, `".join(s for _, s in missing), called, missing[0][0]
        return None


def _built_from_settings(assignments: list[tuple[int, cst.BaseExpression]]) -> bool:
    """A key named from at least two values (an f-string or concatenation with placeholders)."""
    count = 0
    for _, value in assignments:
        for node in iter_nodes(value):
            if isinstance(node, cst.FormattedStringExpression):
                count += 1
            elif isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add):
                count += 1
    return count >= 2


def _parts(value: cst.BaseExpression) -> list[str]:
    """What a key is named from, as its author wrote each piece (`num_fewshot`, `rank`, `hash_string(...)`)."""
    found = []
    for node in iter_nodes(value):
        piece = node.expression if isinstance(node, cst.FormattedStringExpression) else \
            node.right if isinstance(node, cst.BinaryOperation) else None
        if isinstance(piece, (cst.Name, cst.Attribute)):
            found.append((dotted(piece) or "").rsplit(".", 1)[-1])
        elif isinstance(piece, cst.Call) and isinstance(piece.func, (cst.Name, cst.Attribute)):
            found.append((dotted(piece.func) or "").rsplit(".", 1)[-1] + "(...)")
    return [f for f in found if f]


def _names(value: cst.BaseExpression) -> list[str]:
    """Identifiers and attribute names in `value` (`self.config.num_fewshot` -> config, num_fewshot)."""
    found = []
    for node in iter_nodes(value):
        if isinstance(node, cst.Name):
            found.append(node.value)
        elif isinstance(node, cst.Attribute):
            found.append(node.attr.value)
    return found

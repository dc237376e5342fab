"""Code behind a flag its callers switch off: `if shuffle: random.shuffle(rows)` in a function whose
parameter `shuffle` defaults to False when no call passes it; the `else:` of `if deterministic:` when
the program's call passes `deterministic=True`; `if self.multiscale and ...:` in a dataset whose
constructor stores `self.multiscale = multiscale` when the program builds it with `multiscale=False`.

Such code does not run in the programs whose calls switch it off, so what it would draw decides
nothing there. The `flag_guards` fact of a code file holds

    {"guards": [{"callee": "ListDataset", "param": "multiscale", "index": 2, "default": "t",
                 "on": "t", "start": 130, "end": 132}],
     "calls": {"ListDataset": [["??", {"multiscale": "f"}, 0]], ...}}

`guards`: blocks that run only when a parameter of the enclosing function (or the constructor
parameter a method reads back as `self.<name>`) is truthy (`"on": "t"`: `if p:`, `if p and q:`) or
falsy (`"on": "f"`: the `else:` of `if p:`, `if not p:`) or None (`"on": "n"`: `if p is None:`, a
fallback that runs only when a call leaves `p` to its default; a call through `**d` gives `p` when a dict
literal of its file has the key: `star` is then those keys); `callee` is the name a caller writes (the
class for a constructor), `index` the parameter's position after `self`/`cls` (99: keyword-only),
`default` the class of its default ("t" truthy literal, "f" falsy literal, "?" anything else or
none). `calls`: per called name (the last part), the distinct call shapes: the classes of the
positional arguments, of the keyword arguments, and 1 when `*args` or `**kwargs` may set anything;
`super().__init__(...)` is a call of the class's bases, `Base.__init__(self, ...)` of the base.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import libcst as cst

from hygiene.context import FileContext
from hygiene.walk import iter_nodes

if TYPE_CHECKING:
    from hygiene.context import RepoContext

FACT = "flag_guards"
_SPREAD_CALL = re.compile(r"[(,]\s*\*\*[A-Za-z_]")  # `f(**params)`: its dicts' keys are read


def _class(value: cst.BaseExpression | None) -> str:
    """"t" for a truthy literal, "f" for a falsy one, "?" for anything else."""
    if isinstance(value, cst.Name) and value.value in ("True", "False", "None"):
        return "t" if value.value == "True" else "f"
    if isinstance(value, (cst.Integer, cst.Float)):
        return "f" if value.value.strip("0.") == "" else "t"
    if isinstance(value, cst.SimpleString):
        return "f" if value.value.lstrip("rbuRBU") in ('""', "''") else "t"
    return "?"


def _last_name(func: cst.BaseExpression) -> str | None:
    if isinstance(func, cst.Name):
        return func.value
    if isinstance(func, cst.Attribute):
        return func.attr.value
    return None


def _self_attr(node: cst.BaseExpression) -> str | None:
    if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name) and node.value.value == "self":
        return node.attr.value
    return None


def _refs(test: cst.BaseExpression, want: str) -> list[tuple[str, str, str]]:
    """The flags that must have truthiness `want` ("t"/"f") for `test` to be `want`: (kind, name,
    needed truthiness), kind "param" for a bare name, "attr" for `self.<name>`."""
    if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
        return _refs(test.expression, "f" if want == "t" else "t")
    if isinstance(test, cst.BooleanOperation):
        # `a and b` true needs both; `a or b` false needs both false
        if (isinstance(test.operator, cst.And) and want == "t") or (isinstance(test.operator, cst.Or) and want == "f"):
            return _refs(test.left, want) + _refs(test.right, want)
        return []
    if isinstance(test, cst.Name):
        return [("param", test.value, want)]
    if isinstance(test, cst.Comparison) and len(test.comparisons) == 1 and isinstance(test.left, cst.Name) \
            and isinstance(test.comparisons[0].comparator, cst.Name) and test.comparisons[0].comparator.value == "None":
        # `if p is None:` (or the `else:` of `if p is not None:`) runs only when no value was given: "n"
        negated = isinstance(test.comparisons[0].operator, cst.IsNot)
        if isinstance(test.comparisons[0].operator, (cst.Is, cst.IsNot)) and (want == "t") != negated:
            return [("param", test.left.value, "n")]
        return []
    attr = _self_attr(test)
    return [("attr", attr, want)] if attr else []


class FlagGuardExtractor:
    kinds = frozenset({"python", "notebook"})

    def __init__(self, ctx: FileContext) -> None:
        self.ctx = ctx
        # (callee name, {param: (index, default class)}, method of a class?)
        self.functions: list[tuple[str, dict[str, tuple[int, str]], bool]] = []
        # (name, last names of its bases, {attr: constructor param or "" when set otherwise}, pending guards)
        self.classes: list[tuple[str, list[str], dict[str, str], list[dict[str, Any]]]] = []
        self.guards: list[dict[str, Any]] = []
        self.calls: dict[str, list[Any]] = {}
        self.init_params: dict[str, dict[str, tuple[int, str]]] = {}  # class -> its constructor's parameters
        self.local: list[tuple[list[dict[str, Any]], set[str]]] = []  # per function: its guards, names it assigns
        self.ordinal = -1  # calls in walk order, as `hygiene.analysis.randomness` numbers them
        self.sites: dict[int, list[Any]] = {}  # ordinal -> shape, for calls that pass a literal
        self.keys: set[str] = set()  # string keys of the file's dict literals, read before its calls

    def visit_Module(self, node: cst.Module) -> None:
        if _SPREAD_CALL.search(self.ctx.text):
            self.keys = {k.value[1:-1] for d in _dicts(node) for k in d if len(k.value) < 40}

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.classes.append((node.name.value, [n for n in (_last_name(b.value) for b in node.bases) if n], {}, []))

    def leave_ClassDef(self, node: cst.ClassDef) -> None:
        name, _, attrs, pending = self.classes.pop()
        init = self.init_params.pop(name, {})
        for guard in pending:  # `if self.multiscale:` reads back what the constructor stored
            param = attrs.get(guard.pop("attr"), "")
            if param and param in init:
                guard.update(callee=name, param=param, index=init[param][0], default=init[param][1])
                self.guards.append(guard)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        name = node.name.value
        method = bool(self.classes) and len(self.functions) == 0
        callee = self.classes[-1][0] if method and name == "__init__" else name
        params = list(node.params.posonly_params) + list(node.params.params)
        if method and params and params[0].name.value in ("self", "cls"):
            params = params[1:]
        flags = {p.name.value: (i, _class(p.default) if p.default is not None else "?") for i, p in enumerate(params)}
        flags.update({p.name.value: (99, _class(p.default) if p.default is not None else "?")
                      for p in node.params.kwonly_params})
        if method and name == "__init__":
            self.init_params[callee] = flags
        self.functions.append((callee, flags, method))
        self.local.append(([], set()))

    def leave_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.functions.pop()
        guards, assigned = self.local.pop()
        # `shuffle = shuffle or cfg.shuffle`: the value tested is no longer what the caller passed
        # (the fallback's own `W = torch.randn(...)` under `if W is None:` is what the caller left to it)
        self.guards.extend(g for g in guards if g["param"] not in assigned or g["on"] == "n")

    def _assigned(self, target: cst.BaseExpression) -> None:
        if self.local and isinstance(target, cst.Name):
            self.local[-1][1].add(target.value)
        elif self.local and isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._assigned(element.value)

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            self._assigned(target.target)
        if not self.classes or not self.functions:
            return
        callee, flags, method = self.functions[-1]
        attrs = self.classes[-1][2]
        for target in node.targets:
            attr = _self_attr(target.target)
            if attr is None:
                continue
            from_param = (method and callee == self.classes[-1][0] and isinstance(node.value, cst.Name)
                          and node.value.value in flags and attr not in attrs)
            attrs[attr] = node.value.value if from_param else ""  # type: ignore[union-attr]

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            self.visit_Assign(cst.Assign(targets=[cst.AssignTarget(node.target)], value=node.value))

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._assigned(node.target)
        attr = _self_attr(node.target)
        if attr and self.classes:
            self.classes[-1][2][attr] = ""

    def visit_If(self, node: cst.If) -> None:
        if not self.functions:
            return
        callee, flags, method = self.functions[-1]
        # Only a test of a parameter or of `self.<name>` in a method guards anything: the extents below
        # generate the block's code, which an `if` testing neither need not pay (issue 12).
        if not any((kind == "param" and name in flags) or (kind == "attr" and method and self.classes)
                   for want in ("t", "f") for kind, name, _ in _refs(node.test, want)):
            return
        start = self.ctx.line_here(node)
        if start is None:  # the statement's line from `ast`, and its extent: no positions (issue 12)
            return
        body_end = start + self.ctx.code(node.body).rstrip().count("\n")
        spans = [(start, body_end, "t")]
        if node.orelse is not None:
            whole = self.ctx.code(node).rstrip().count("\n") - len(node.leading_lines)
            spans.append((body_end + 1, start + whole, "f"))
        rest = self._after_return(node, body_end)
        if rest is not None:  # `if only_config: return config`: what follows runs only when the test is false
            spans.append((body_end + 1, rest, "f"))
        for first, last, want in spans:
            for kind, name, on in _refs(node.test, want):
                guard = {"on": on, "start": first, "end": last}
                if kind == "param" and name in flags:
                    if on == "n" and name in self.local[-1][1]:
                        continue  # `W = W or load()` before it: the value tested is not what the caller gave
                    guard.update(callee=callee, param=name, index=flags[name][0], default=flags[name][1])
                    self.local[-1][0].append(guard)
                elif kind == "attr" and method and self.classes:
                    self.classes[-1][3].append({**guard, "attr": name})

    def _after_return(self, node: cst.If, body_end: int) -> int | None:
        """The last line of the function after `node` when `node` is a statement of the function's own
        body that returns (`if p: return x`, no `else`), else None."""
        parents = self.ctx.parents
        if node.orelse is not None or len(parents) < 2 or not isinstance(parents[-1], cst.IndentedBlock) \
                or not isinstance(parents[-2], cst.FunctionDef):
            return None
        last = node.body.body[-1] if isinstance(node.body, cst.IndentedBlock) and node.body.body else None
        if not (isinstance(last, cst.SimpleStatementLine) and any(isinstance(b, cst.Return) for b in last.body)):
            return None
        statements = list(parents[-1].body)
        index = next((i for i, statement in enumerate(statements) if statement is node), len(statements))
        following = statements[index + 1:]
        text = "".join(self.ctx.code(s) for s in following).rstrip()
        return body_end + text.count("\n") + 1 if text else None

    def visit_Call(self, node: cst.Call) -> None:
        self.ordinal += 1
        names, skip = self._callees(node.func)
        if not names:
            return
        positional: list[str] = []
        keywords: dict[str, str] = {}
        star = 0
        for arg in node.args:
            if arg.star == "**" and self.keys:
                star = star or sorted(self.keys)[:60]  # the keys a dict of the file may give (`**params`)
            elif arg.star:
                star = 1
            elif arg.keyword is not None:
                keywords[arg.keyword.value] = _class(arg.value)
            else:
                positional.append(_class(arg.value))
        shape = ["".join(positional[skip:]), keywords, star]
        if any(v != "?" for v in [*shape[0], *keywords.values()]):
            self.sites[self.ordinal] = shape
        for name in names:
            shapes = self.calls.setdefault(name, [])
            if shape not in shapes and len(shapes) < 20:
                shapes.append(shape)

    def _callees(self, func: cst.BaseExpression) -> tuple[list[str], int]:
        """The names a call may set a flag of, and how many leading positional arguments are not the
        callee's parameters: `super().__init__(...)` calls the bases' constructors,
        `Base.__init__(self, ...)` the base's (after `self`)."""
        name = _last_name(func)
        if name != "__init__" or not isinstance(func, cst.Attribute):
            return ([name] if name else []), 0
        owner = func.value
        if isinstance(owner, cst.Call) and isinstance(owner.func, cst.Name) and owner.func.value == "super":
            return (list(self.classes[-1][1]) if self.classes else []), 0
        base = _last_name(owner)
        return ([base] if base else []), 1

    def finish(self) -> None:
        fact: dict[str, Any] = {"guards": self.guards} if self.guards else {}
        if self.calls:
            fact["calls"] = self.calls
        if self.sites:
            fact["sites"] = self.sites
        if fact:
            self.ctx.facts[FACT] = fact


def _dicts(module: cst.Module) -> list[list[cst.SimpleString]]:
    """The plain string keys of each dict literal of the module (`{"W": W, "lr": 0.1}`)."""
    return [[e.key for e in d.elements if isinstance(e, cst.DictElement) and isinstance(e.key, cst.SimpleString)
             and e.key.value[:1] in "'\""] for d in iter_nodes(module) if isinstance(d, cst.Dict)]


def _value(shape: list[Any], param: str, index: int, default: str) -> str:
    """The class of the value a call of this shape gives `param`: "?" when `*args`/`**kwargs` may."""
    positional, keywords, star = shape
    if param in keywords:
        return keywords[param]
    if index < 99 and index < len(positional):
        return positional[index]
    return "?" if star else default


def _none(shape: list[Any], param: str, index: int, default: str) -> bool:
    """May a call of this shape give `param` None? Given any value but a falsy literal it does not;
    through `**d`, a key of a dict of the calling file naming it gives it (`{"W": W}`)."""
    positional, keywords, star = shape
    if param in keywords:
        return keywords[param] == "f"
    if index < 99 and index < len(positional):
        return positional[index] == "f"
    if isinstance(star, list) and param in star:
        return False
    return bool(star) or default == "f"


def _takes(guard: dict[str, Any], shapes: list[list[Any]]) -> bool:
    """Does some call of these shapes run the guarded block? No call at all: the default decides."""
    if guard["on"] == "n":  # `if W is None:`: runs when a call leaves the parameter to its default None
        return any(_none(s, guard["param"], guard["index"], guard["default"]) for s in shapes) \
            or (not shapes and guard["default"] == "f")
    values = [_value(s, guard["param"], guard["index"], guard["default"]) for s in shapes] or [guard["default"]]
    off = "f" if guard["on"] == "t" else "t"
    return any(v != off for v in values)


def _guards(repo: RepoContext) -> tuple[dict[str, list[dict[str, Any]]], dict[str, dict[str, list[Any]]]]:
    def build() -> tuple[dict[str, list[dict[str, Any]]], dict[str, dict[str, list[Any]]]]:
        facts = dict(repo.facts(FACT))
        return ({path: fact["guards"] for path, fact in facts.items() if fact.get("guards")},
                {path: fact.get("calls", {}) for path, fact in facts.items()})
    return repo.shared("flag_guards.facts", build)


def switched_off_at(repo: RepoContext, path: str, line: int | None, caller: str, ordinal: int) -> bool:
    """Does the call numbered `ordinal` in `caller` switch off the block of `path`:`line` it leads to
    (`get_context_set(..., only_config=True)` returning before the draw)?"""
    if line is None:
        return False
    facts = dict(repo.facts(FACT))
    shape = facts.get(caller, {}).get("sites", {})
    shape = shape.get(ordinal, shape.get(str(ordinal)))  # a cached fact has string keys
    return shape is not None and any(g["start"] <= line <= g["end"] and not _takes(g, [shape])
                                     for g in facts.get(path, {}).get("guards", ()))


def switched_off(repo: RepoContext, path: str, line: int | None, entries: list[str],
                 visited: dict[str, set[str]]) -> list[str]:
    """Which of `entries` (programs that run the code at `path`:`line`) never run it, because the block
    it is in needs a flag that their calls switch off. All of them when no call in the repository
    switches it on; else those whose own files call the callee, always switching it off."""
    if line is None:
        return []
    guards, calls = _guards(repo)
    around = [g for g in guards.get(path, ()) if g["start"] <= line <= g["end"]]
    off: set[str] = set()
    for guard in around:
        every = [s for per in calls.values() for s in per.get(guard["callee"], ())]
        if not _takes(guard, every):
            return list(entries)
        for entry in entries:
            mine = [s for p in visited.get(entry, ()) for s in calls.get(p, {}).get(guard["callee"], ())]
            if mine and not _takes(guard, mine):
                off.add(entry)
    return [e for e in entries if e in off]

"""Questions rules ask the program: which part of the data is this, which rows, which model.

Each answer stays silent (None, empty) when the code does not say: a value whose role no name,
split, loader argument or path names has no role, and rules do not guess one.
"""
from __future__ import annotations

from collections import deque
from typing import Any

from hygiene.analysis.dataflow import knowledge as kb
from hygiene.analysis.dataflow.graph import ROW_DEFINING
from hygiene.analysis.dataflow.localmodels import tokenized_text
from hygiene.analysis.dataflow.program import MAX_VISITS, SHIFT, Program, Ref, Stack, ref_of
from hygiene.analysis.dataflow.valueroles import test_rows_named_val
from hygiene.discovery import is_test_path

PREDICTING = frozenset({"pred", "apply", "llm"})


def carried_role(prog: Program, ref: Ref) -> str | None:
    """The role a node itself states (by its name, its split, its loader arguments)."""
    info = prog.info(ref)
    kind = prog.kind(ref)
    if kind == "part" and info.get("role"):
        return info["role"]
    if info.get("name"):
        found = kb.name_role(info["name"])
        if found:
            return found
    if info.get("role"):
        return info["role"]
    if kind == "subset" and info.get("how") == "index":
        mask = prog.input(ref, 1)
        if mask:
            return carried_role(prog, mask)
    return None


def role(prog: Program, ref: Ref, stack: Stack = (), limit: int = 400) -> tuple[str | None, Ref]:
    """("train" | "test" | "val" | None, the node that says so), nearest first.

    Walks back through the rows `ref` holds; where the nearest statements disagree (a helper
    called with both the train and the test part), there is no answer.
    """
    found = role_via(prog, ref, stack, limit)
    return found[0], found[1]


def role_via(prog: Program, ref: Ref, stack: Stack = (), limit: int = 400) -> tuple[str | None, Ref, Ref]:
    """Like `role`, with the call site through which a parameter got its role (0 if none). Kept
    for the rule run: concatenations nest (`cat([cat([a, b]), c])`), and each part's walk is asked again."""
    memo = prog.trace.memo
    if (key := ("role", ref, stack, limit)) not in memo:
        memo[key] = _role_walk(prog, ref, stack, limit)
    return memo[key]


def _role_walk(prog: Program, ref: Ref, stack: Stack, limit: int) -> tuple[str | None, Ref, Ref]:
    level: list[tuple[Ref, Stack, Ref]] = [(ref, stack, 0)]
    seen: set[tuple[Ref, Stack]] = set()
    visits = 0
    while level and visits < limit:
        found: dict[str, tuple[Ref, Ref]] = {}
        following: list[tuple[Ref, Stack, Ref]] = []
        for node, here, via in level:
            if (node, here) in seen:
                continue
            seen.add((node, here))
            visits += 1
            said = carried_role(prog, node)
            if said and prog.kind(node) == "param":
                # `def accuracy(net, testloader)` called with the validation loader: the callers'
                # arguments say which rows the parameter holds; its name only when they say nothing.
                given = _arguments_of(prog, node, here)
                if given and any(role_via(prog, arg, nstack, limit // 4)[0] for arg, nstack, _ in given):
                    following.extend((arg, nstack, via or call) for arg, nstack, call in given)
                    continue
            if said == "val" and (deeper := test_rows_named_val(prog, node, here)) is not None:
                said, node = deeper  # `val_loader` built from `ImageFolder("data/test")`: the rows are the test set
            if said:
                found.setdefault(said, (node, via))
                continue
            if prog.kind(node) == "concat":
                # Rows joined from several parts hold each part's role: `concat([train, test])` has
                # both (so none), however far each part's own statement is.
                parts = {role_via(prog, i, here, limit // 2)[0] for i in prog.inputs(node) if i} - {None}
                for part_role in parts:
                    found.setdefault(part_role, (node, via))
                continue
            if prog.kind(node) == "param" and not here:
                key = prog.function_of(node)
                for call in prog.callers(key, 16):
                    if is_test_path(prog.path(call)):
                        continue  # a unit test's call gives a fixture, not a split of the data
                    argument = prog.argument(call, key, node)
                    if argument:
                        following.append((argument, (), via or call))
                default = prog.input(node, 0)
                if default:
                    following.append((default, (), via))
                continue
            for nxt, nstack in prog.back_step(node, here, rows=True):
                following.append((nxt, nstack, via))
        if found:
            if len(found) == 1:
                said, (node, via) = next(iter(found.items()))
                return said, node, via
            return None, 0, 0
        level = following
    return None, 0, 0


def _arguments_of(prog: Program, param: Ref, here: Stack) -> list[tuple[Ref, Stack, Ref]]:
    """What the callers pass for `param`: through the call on the stack, else every caller outside unit tests."""
    if here:
        return [(nxt, nstack, 0) for nxt, nstack in prog.back_step(param, here, rows=True)]
    key = prog.function_of(param)
    return [(argument, (), call) for call in prog.callers(key, 16) if not is_test_path(prog.path(call))
            if (argument := prog.argument(call, key, param))]


def row_base(prog: Program, ref: Ref) -> Ref:
    """The nearest node that decides which rows `ref` holds (a read, a split part, a subset)."""
    stack: Stack = ()
    current = ref
    for _ in range(60):
        if prog.kind(current) in ROW_DEFINING and prog.kind(current) != "param":
            return current
        steps = prog.back_step(current, stack, rows=True)
        if not steps:
            return current
        current, stack = steps[0]
    return current


def rows_key(prog: Program, ref: Ref) -> tuple:
    """Equal for two values holding the same rows: the same read, split part or subset
    (`ds["train"]` written twice is one part)."""
    base = row_base(prog, ref)
    info = prog.info(base)
    if prog.kind(base) == "part" and "key" in info:
        return ("key", prog.input(base, 0), info["key"])
    return ("node", base)


def fits_of(prog: Program, model: Ref) -> list[Ref]:
    """The `fit` nodes a model value comes from (the model variable after `.fit()`)."""
    found = []
    seen = set()
    queue: deque[tuple[Ref, Stack]] = deque([(model, ())])
    while queue and len(seen) < 200:
        node, stack = queue.popleft()
        if (node, stack) in seen or not node:
            continue
        seen.add((node, stack))
        kind = prog.kind(node)
        if kind == "fit":
            found.append(node)
            continue
        if kind in ("op", "call", "elem", "global", "import", "selfattr", "param") or (
                kind == "op" and prog.info(node).get("op") == "alias"):
            steps = prog.back_step(node, stack, rows=False)
            if kind == "call" and prog.callee(node) is None:
                steps = steps[:1]  # `search.best_estimator_`, `model.to(device)`: the receiver
            queue.extend(steps)
    return found


def predictions(prog: Program, ref: Ref, depth: int = 8) -> list[Ref]:
    """The `pred` / `apply` / `llm` nodes `ref` was computed from, within a few steps."""
    found = []
    parents = prog.back(ref and [ref], limit=300)
    for node in parents:
        if prog.kind(node) in PREDICTING:
            found.append(node)
    return found[:depth]


def texts_around(prog: Program, ref: Ref, hops: int = 2, names: bool = True) -> list[str]:
    """Words that say what a value is: its name and the labels of where it is printed or stored
    (without `names`: only the labels, the strings written in the code)."""
    words: list[str] = []
    frontier = [ref]
    for _ in range(hops + 1):
        following = []
        for node in frontier:
            info = prog.info(node)
            for key in ("name", "text", "col", "a") if names else ("text", "col"):
                if isinstance(info.get(key), str):
                    words.append(info[key])
            for key in ("keys",):
                words.extend(k for k in info.get(key, []) if isinstance(k, str))
            lits = info.get("lits", {})
            words.extend(v for v in lits.values() if isinstance(v, str))
            following.extend(prog.users(node))
        frontier = following[:40]
    return words


def same_function(prog: Program, first: Ref, second: Ref) -> bool:
    return prog.function_of(first) == prog.function_of(second)


def model_name(prog: Program, model: Ref, fallback: str = "the model") -> str:
    """The variable a model is known by: its own name, or, for the value a `.fit()` returned,
    the name of the estimator it was called on (`decision_tree.fit(...)`: `decision_tree`)."""
    current = model
    for _ in range(6):
        if not current:
            break
        info = prog.info(current)
        if info.get("name"):
            return info["name"]
        kind = prog.kind(current)
        if kind == "fit" or (kind == "op" and info.get("op") in ("alias", "attr")) or (
                kind == "call" and prog.callee(current) is None and info.get("m")):
            current = prog.input(current, 0)  # `search.best_estimator_`, `model.to(device)`: the receiver
        elif kind in ("global", "import", "selfattr"):
            bound = prog.bound(current)
            current = bound[0] if bound else 0
        else:
            break
    return fallback


def code_name(prog: Program, ref: Ref, fallback: str = "the data") -> str:
    info: dict[str, Any] = prog.info(ref)
    return info.get("name") or info.get("on") or fallback


def value_name(prog: Program, ref: Ref, fallback: str) -> str:
    """How the code names a value, for messages: its variable (`gold`), a column of a named record
    (`row["answer"]`), a keyed part of a named dataset (`ds["test"]`), else `fallback`."""
    info: dict[str, Any] = prog.info(ref)
    if info.get("name"):
        return info["name"]
    source = prog.input(ref, 0)
    owner = prog.info(source).get("name", "") if source else ""
    cols = info.get("cols") or []
    if cols:
        return f'{owner}["{cols[0]}"]'
    if prog.kind(ref) == "part" and isinstance(info.get("key"), str):
        return f'{owner}["{info["key"]}"]'
    return fallback


def call_name(info: dict[str, Any]) -> str:
    """The last part of what a call node calls: the method (`format`), the repo function, or the
    library function (`tqdm` for `tqdm.auto.tqdm`)."""
    return info.get("m") or info.get("callee") or str(info.get("fn", "")).rsplit(".", 1)[-1]


def loop_node(prog: Program, element: Ref) -> Ref:
    """The loop an element node (`for item in items`) belongs to, or the element when it names none."""
    loop = prog.info(element).get("loop", 0)
    return ref_of(element >> SHIFT, loop) if loop and loop > 0 else element


def same_file(first: Ref, second: Ref) -> bool:
    return first >> SHIFT == second >> SHIFT


def module_binding(prog: Program, module: str, name: str) -> Ref:
    """The value a module of the repo binds `name` to at its top level (`prompts.GRADER_PROMPT`), or 0."""
    file = prog.modules.get(module)
    node = prog.graphs[file].bindings.get(name) if file is not None else None
    return ref_of(file, node) if node else 0


def parameters(prog: Program, key: tuple[int, int]) -> list[Ref]:
    """The parameter nodes of the repo function `key`, in order."""
    return [ref_of(key[0], param) for param in prog.function(key).params]


def returns(prog: Program, key: tuple[int, int]) -> list[Ref]:
    """The values the repo function `key` returns, one per `return`."""
    return [ref_of(key[0], node) for node in prog.function(key).returns]


def limited(parents: dict[Ref, Ref]) -> bool:
    return len(parents) >= MAX_VISITS


def derived_from_prediction(prog: Program, ref: Ref, stack: Stack = (), limit: int = 80) -> bool:
    """Is `ref` computed from a model's output (a prediction, a model applied, an LLM reply)?"""
    for node, _, _ in prog.trace_back([(ref, stack)], limit=limit,
                                      stop=lambda r: prog.kind(r) in ("metric", "fit", "split")):
        if prog.kind(node) in PREDICTING:
            return True
    return False


def evaluation_truth(prog: Program, node: Ref, stack: Stack) -> Ref:
    """The labels an evaluation compares against (0 when `node` is not an evaluation)."""
    kind = prog.kind(node)
    if kind == "metric":
        if prog.info(node).get("metric") in ("score", "evaluate"):
            return prog.input(node, 2) or prog.input(node, 1)
        return prog.input(node, 0)
    if kind == "call" and prog.callee(node) is None and _named_evaluation(prog.info(node)):
        for value in prog.inputs(node):  # `evaluate(model, test_loader)` from a library
            if value and role(prog, value, stack, limit=60)[0] is not None:
                return value
        return 0
    # `pred == y`, torch's `predicted.eq(targets)`, or an error written out: `((pred - y) ** 2).mean()`
    if (kind == "cmp" and prog.info(node).get("op") in ("==", "!=")) or (kind == "call" and prog.info(node).get("m") == "eq") \
            or (kind == "op" and prog.info(node).get("op") == "Subtract"):
        operands = [i for i in prog.inputs(node) if i]
        if len(operands) != 2:
            return 0
        predicted = [derived_from_prediction(prog, o, stack) for o in operands]
        if predicted == [True, False]:
            return operands[1]
        if predicted == [False, True]:
            return operands[0]
    return 0


def evaluations(prog: Program, values: list[Ref], limit: int = 3000) -> list[tuple[Ref, Stack, Ref, Ref]]:
    """(evaluation, call stack, the labels it used, the first call site on the way) for each evaluation `values`
    are derived from: metrics, losses, `.score()`, predictions compared with or subtracted from labels, replies vs gold."""
    found = []
    for node, stack, _ in prog.trace_back([(v, ()) for v in values if v], limit=limit,
                                          stop=lambda r: prog.kind(r) in ("fit", "split")):
        if prog.kind(node) not in ("metric", "cmp", "call", "op"):
            continue
        truth = evaluation_truth(prog, node, stack)
        if truth:
            found.append((node, stack, truth, stack[0] if stack else 0))
    return found


_EVALUATION_WORDS = frozenset({"evaluate", "eval", "evaluation", "test", "score", "accuracy", "validate", "validation"})


def _named_evaluation(info: dict[str, Any]) -> bool:
    name = call_name(info).lower()
    return any(part in _EVALUATION_WORDS for part in name.split("_"))


# Keyword arguments of a model call that are settings, not text sent to the model.
SETTING_KEYWORDS = ("model", "model_name", "engine", "temperature", "max_tokens", "max_new_tokens", "top_p", "seed", "n")


def text_inputs(prog: Program, call: Ref) -> list[Ref]:
    """The inputs of an `llm` node that may carry the text sent (its settings left out); for a local
    model, also the text its token ids were made from (`model.generate(**tok(prompt).to(dev))`)."""
    kw = prog.info(call).get("kw", {})
    settings = {kw[k] for k in SETTING_KEYWORDS if k in kw}
    inputs = [i for n, i in enumerate(prog.inputs(call)) if i and n not in settings]
    return inputs + [text for i in inputs if (text := tokenized_text(prog, i)) and text not in inputs]

"""Later changes that leave a committed file as it was: a data file only re-serialised, a script only
re-pointed at another experiment (held-out set 30). `hygiene.analysis.producers` asks both before it
calls a result older than its producer."""
from __future__ import annotations

import ast
import json
import re

_WORDS = re.compile(r"[/\\_\-.]+")
_MAX_DATA = 20_000_000  # bytes: larger data files are compared by their bytes only


def same_records(path: str, old: bytes | None, new: bytes | None) -> bool:
    """Whether two versions of a JSON or JSON-lines file parse to the same records (pretty-printed,
    re-indented, keys written in another order): a pure re-serialisation changes no number."""
    if old is None or new is None or not path.lower().endswith((".json", ".jsonl", ".ndjson")) \
            or max(len(old), len(new)) > _MAX_DATA:
        return False
    try:
        if path.lower().endswith(".json"):
            return json.loads(old) == json.loads(new)
        return [json.loads(x) for x in old.splitlines() if x.strip()] == [json.loads(x) for x in new.splitlines() if x.strip()]
    except ValueError:
        return False


def _words(text: str) -> list[str]:
    return [w for w in _WORDS.split(text.lower()) if w]


def _names(value: object, paths: list[str]) -> bool:
    """Whether a literal's value is a run of words of one of the paths (`"eval_data_chat"` of
    `evals/eval_data_chat/scores_22.png`, `22` of its file name)."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return False
    words = _words(str(value))
    return bool(words) and any(p[i:i + len(words)] == words for p in map(_words, paths)
                               for i in range(len(p) - len(words) + 1))


def _main_guard(stmt: ast.stmt) -> bool:
    return isinstance(stmt, ast.If) and "__main__" in ast.dump(stmt.test)


def _split(tree: ast.Module) -> tuple[list[ast.stmt], list[ast.Call]]:
    """The module's code, and its driver calls: top-level calls of its own functions with literal
    arguments only (`plot_avg(22)`, `eval_all()`), at module level or under `if __name__ == "__main__":`."""
    own = {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}

    def driver(stmt: ast.stmt) -> bool:
        call = stmt.value if isinstance(stmt, ast.Expr) else None
        return isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id in own \
            and all(isinstance(a, ast.Constant) for a in [*call.args, *(k.value for k in call.keywords)])

    rest: list[ast.stmt] = []
    calls: list[ast.Call] = []
    for stmt in tree.body:
        body = stmt.body if _main_guard(stmt) else [stmt]  # type: ignore[attr-defined]
        calls += [s.value for s in body if driver(s)]  # type: ignore[attr-defined]
        kept = [s for s in body if not driver(s)]
        if _main_guard(stmt):
            rest.append(ast.If(test=stmt.test, body=kept, orelse=stmt.orelse))  # type: ignore[attr-defined]
        else:
            rest += kept
    return rest, calls


def repointed(old: bytes | None, new: bytes | None, target: str, siblings: list[str]) -> bool:
    """Whether a script's only changes since `target` was committed re-point it at another experiment:
    literals whose old value names `target`'s path (`EVAL_DIR = "eval_data_chat"` became
    `"tqa_chat_15"`) and driver calls added or removed, each removed one's arguments naming `target`
    or a file beside it (`plot_avg(22)` of `scores_22.png`). The code that drew the file is unchanged,
    so it belongs to the earlier configuration; a changed cutoff or function body is a change."""
    try:
        before, after = ast.parse(old or b""), ast.parse(new or b"")
    except (SyntaxError, ValueError):
        return False
    if old is None or new is None:
        return False
    (rest_old, calls_old), (rest_new, calls_new) = _split(before), _split(after)
    blank = ast.Constant(value=None)
    shape = [ast.dump(ast.Module(body=r, type_ignores=[])) for r in (rest_old, rest_new)]
    consts = [[n.value for s in r for n in ast.walk(s) if isinstance(n, ast.Constant)] for r in (rest_old, rest_new)]
    if len(consts[0]) != len(consts[1]):
        return False
    for rest in (rest_old, rest_new):
        for stmt in rest:
            for node in ast.walk(stmt):
                if isinstance(node, ast.Constant):
                    node.value = blank.value
    if ast.dump(ast.Module(body=rest_old, type_ignores=[])) != ast.dump(ast.Module(body=rest_new, type_ignores=[])):
        return False
    changed = [a for a, b in zip(*consts) if a != b]
    if not all(_names(a, [target]) for a in changed):
        return False
    kept = {ast.dump(c) for c in calls_new}
    gone = [c for c in calls_old if ast.dump(c) not in kept]
    paths = [target, *siblings]
    return bool(changed or gone or shape[0] != shape[1]) and all(
        _names(a.value, paths) for c in gone for a in [*c.args, *(k.value for k in c.keywords)]
        if not isinstance(a.value, bool) and a.value is not None)  # type: ignore[attr-defined]

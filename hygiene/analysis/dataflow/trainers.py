"""What a Hugging Face-style trainer does with its evaluation set: never scores it, or scores splits of its own."""
from __future__ import annotations

from hygiene.analysis.apis import plain as plain_name
from hygiene.analysis.dataflow.program import Program, Ref, ref_of

_EVAL_STRATEGY = ("evaluation_strategy", "eval_strategy")
_EVALUATING = frozenset({"evaluate", "predict", "evaluation_loop", "prediction_loop"})


def own_evaluation(prog: Program, trainer: Ref) -> bool:
    """The trainer's class is the repo's and its `evaluate()` reads neither its `eval_dataset`
    argument nor `self.eval_dataset` (nor the parent's evaluate): it scores splits of its own."""
    fn = str(prog.info(trainer).get("fn") or "")
    key = dict.get(prog.functions, f"{plain_name(fn)}.evaluate") if fn else None
    if key is None:
        return False
    for param in prog.function(key).params:
        ref = ref_of(key[0], param)
        if prog.info(ref).get("name") == "eval_dataset" and prog.users(ref):
            return False
    for node in prog.nodes_in(key[0], "selfattr", "call", "op"):
        info = prog.info(node)
        text = f"{info.get('name', '')} {info.get('fn', '')} {info.get('a', '')} {info.get('attr', '')}"
        if prog.function_of(node) == key and ("eval_dataset" in text or "get_eval_dataloader" in text
                                              or info.get("m") in ("evaluate", "evaluation_loop")):
            return False
    return True


def never_evaluates(prog: Program, trainer: Ref) -> bool:
    """`Trainer(..., eval_dataset=d, args=TrainingArguments(evaluation_strategy="no"))` with nothing
    but method calls other than `.evaluate()` / `.predict()` on it: the eval set is never scored.
    Silent (False) when the arguments are not built in sight or the trainer is handed on."""
    kw = prog.info(trainer).get("kw", {})
    args = prog.input(trainer, kw["args"]) if "args" in kw else 0
    for _ in range(4):
        if not args or prog.kind(args) == "call":
            break
        steps = prog.back_step(args, (), rows=False)
        args = steps[0][0] if len(steps) == 1 else 0
    info = prog.info(args) if args else {}
    if not str(info.get("fn", "")).endswith(("TrainingArguments", "Config")):
        return False
    keys = set(info.get("kw", {})) & set(_EVAL_STRATEGY)
    lits = info.get("lits", {})
    if any(str(lits.get(k, "")).lower().rsplit(".", 1)[-1].strip("'\"") != "no" for k in keys) \
            or str(lits.get("do_eval", "")).lower() == "true" or "load_best_model_at_end" in lits:
        return False  # evaluation switched on, or by a value not written here
    users = list(prog.users(trainer))
    for user in users[:40]:
        if prog.kind(user) == "op" and prog.info(user).get("op") == "alias":
            users.extend(prog.users(user))
            continue
        if prog.kind(user) not in ("call", "fit") or prog.input(user, 0) != trainer \
                or prog.info(user).get("m") in _EVALUATING:
            return False
    return True

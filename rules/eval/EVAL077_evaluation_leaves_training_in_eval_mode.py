"""EVAL077: an evaluation helper switches the model to eval mode and the training loop that calls it never switches back."""
from __future__ import annotations

import ast

from hygiene.analysis.stdast import module_nodes, module_tree, subtree
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, notebook, valid


def _switch(call: ast.AST) -> str:
    """"eval" or "train" for a mode switch: `model.eval()`, `model.train()`, `model.train(False)`,
    a helper given the mode (`set_mode('eval', [pg, ee])`); "" for any other call."""
    if not isinstance(call, ast.Call):
        return ""
    func = call.func
    if isinstance(func, ast.Attribute) and func.attr == "eval" and not call.args and not call.keywords:
        return "eval"
    if isinstance(func, ast.Attribute) and func.attr == "train" and len(call.args) <= 1:
        if call.args and isinstance(call.args[0], ast.Constant) and call.args[0].value is False:
            return "eval"
        return "train" if not call.args or isinstance(call.args[0], ast.Constant) else ""
    name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
    if "mode" in name.lower():
        modes = {a.value for a in call.args if isinstance(a, ast.Constant) and a.value in ("eval", "train")}
        return modes.pop() if len(modes) == 1 else ""
    return ""


def _calls(node: ast.AST) -> list[ast.Call]:
    return [n for n in subtree(node) if isinstance(n, ast.Call)]


def _optimizer_step(call: ast.Call) -> bool:
    """`optimizer.step()`, `opt.step()`, `self.optim.step()`: a training step (not a trainer's own `self.step(...)`)."""
    return (isinstance(call.func, ast.Attribute) and call.func.attr == "step"
            and "opt" in ast.unparse(call.func.value).rsplit(".", 1)[-1].lower())


def _callee(call: ast.Call) -> str:
    return call.func.id if isinstance(call.func, ast.Name) else call.func.attr if isinstance(call.func, ast.Attribute) else ""


def _guarded_switches(f: ast.AST) -> list[tuple[ast.Call, str]]:
    """The mode switches a function makes as statements of its body, each with the test of the `if`
    that holds it alone (`if eval_: self.net.eval()`), "" for an unguarded one."""
    found: list[tuple[ast.Call, str]] = []
    for stmt in f.body:
        if isinstance(stmt, ast.Expr) and _switch(stmt.value):
            found.append((stmt.value, ""))
        elif isinstance(stmt, ast.If) and not stmt.orelse and len(stmt.body) == 1 \
                and isinstance(stmt.body[0], ast.Expr) and _switch(stmt.body[0].value):
            found.append((stmt.body[0].value, ast.unparse(stmt.test)))
    return found


def _restore_repeats_eval(f: ast.AST) -> tuple[ast.Call, ast.Call] | None:
    """`(first, last)` when a function switches a module to eval mode, runs it, and then makes the very
    same switch again where a restore belongs (`if eval_: self.net.eval()` before and after the
    predictions), never switching to train mode: the second switch changes nothing."""
    switches = _guarded_switches(f)
    if len(switches) < 2 or any(_switch(c) == "train" for c in _calls(f)):
        return None
    (first, guard0), (last, guard1) = switches[0], switches[-1]
    # Only a guarded pair (`if eval_:` before and after) reads as a restore: an unguarded second
    # `model.eval()` in a script that only evaluates is a harmless repetition (mirrors: inference scripts).
    if _switch(first) != "eval" or not guard0 or guard0 != guard1 or ast.dump(first) != ast.dump(last):
        return None
    between = [c for c in _calls(f) if first.lineno < c.lineno < last.lineno and not _switch(c)]
    return (first, last) if between else None


class EvaluationLeavesTrainingInEvalMode(Rule):
    """
    ## What it does
    Finds an evaluation helper that switches the model to eval mode (`model.eval()`,
    `model.train(False)`, a helper given the mode: `set_mode('eval', models)`) and does not switch
    it back before it returns, called inside a training loop (a loop that calls `.backward()` or
    an optimizer's `.step()`) that switches to train mode only before the loop, or never: from the
    first periodic check on, the model trains in eval mode. A switch the helper makes only under an
    `if` (`if not training: self.model.eval()`), a loop that switches to train mode
    itself, or calls a function of the file that does (or one named for training), and a helper
    that switches back (`model.train()` at its end) are left alone.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `check_accuracy` ends with `set_mode('eval', models)`, called every N steps of the loop | yes | it ends with `set_mode('train', models)` |
    | `def evaluate(m): m.eval(); ...` called each epoch, `model.train()` before the loop | yes | `model.train()` at the top of each epoch |
    | the same helper called once after the loop | no | |
    | `if eval_: self.net.eval()` before the predictions and the same line after them, where the restore goes | yes | `if eval_: self.net.train()` after them |

    A helper that repeats its guarded eval switch where the switch back belongs (`if eval_:
    self.net.eval()` before its forward calls and again after them, never `.train()`) is reported
    wherever it is called from: its second switch changes nothing, and a prediction made during
    fitting (a metric callback, early stopping) leaves training in eval mode.

    ## Why is this bad?
    Dropout is off and batch norm stops updating its statistics and normalises with stale ones for
    every step after the first evaluation: the model trained is not the one the method describes,
    and its validation curve is of a different training run than the paper's.

    ## Example
        def check_accuracy(model, loader):
            model.eval()
            ...
            return acc

        model.train()
        for batch in train_loader:
            loss.backward(); optimizer.step()
            if t % 1000 == 0:
                val_acc = check_accuracy(model, val_loader)

    Use instead:
        def check_accuracy(model, loader):
            model.eval()
            ...
            model.train()
            return acc
    """

    code = "EVAL077"
    category = "EVAL-MODE"
    severity = Severity.ERROR
    message = ("`{helper}` switches to eval mode (line {line0}) and does not switch back, and the training loop of "
               "`{loop}` calls it at line {called} without switching to train mode again: after the first call the "
               "model trains in eval mode")
    question = "Does training at {where} go on in eval mode after `{helper}` returns?"
    triggers = ("eval",)
    examples = [
        invalid("""
            import torch

            def set_mode(mode, models):
                for m in models:
                    if m is not None:
                        m.train() if mode == 'train' else m.eval()

            def train_loop(args, program_generator, execution_engine, baseline_model, train_loader, val_loader, optimizer):
                set_mode('train', [program_generator, execution_engine, baseline_model])
                t = 0
                while t < args.num_iterations:
                    for batch in train_loader:
                        t += 1
                        loss = execution_engine(batch).mean()
                        loss.backward()
                        optimizer.step()
                        if t % args.checkpoint_every == 0:
                            val_acc = check_accuracy(args, program_generator, execution_engine, baseline_model, val_loader)

            def check_accuracy(args, program_generator, execution_engine, baseline_model, loader):
                set_mode('eval', [program_generator, execution_engine, baseline_model])
                num_correct, num_samples = 0, 0
                for batch in loader:
                    num_correct += 1
                    num_samples += 1
                set_mode('eval', [program_generator, execution_engine, baseline_model])  # expect: EVAL077
                return float(num_correct) / num_samples
        """),
        valid("""
            import torch

            def set_mode(mode, models):
                for m in models:
                    if m is not None:
                        m.train() if mode == 'train' else m.eval()

            def train_loop(args, program_generator, execution_engine, baseline_model, train_loader, val_loader, optimizer):
                set_mode('train', [program_generator, execution_engine, baseline_model])
                t = 0
                while t < args.num_iterations:
                    for batch in train_loader:
                        t += 1
                        loss = execution_engine(batch).mean()
                        loss.backward()
                        optimizer.step()
                        if t % args.checkpoint_every == 0:
                            val_acc = check_accuracy(args, program_generator, execution_engine, baseline_model, val_loader)

            def check_accuracy(args, program_generator, execution_engine, baseline_model, loader):
                set_mode('eval', [program_generator, execution_engine, baseline_model])
                num_correct, num_samples = 0, 0
                for batch in loader:
                    num_correct += 1
                    num_samples += 1
                set_mode('train', [program_generator, execution_engine, baseline_model])
                return float(num_correct) / num_samples
        """, note="near miss: the fix, the helper restores train mode"),
        invalid({"train.ipynb": notebook(
            "import torch",
            "def evaluate(model, loader):\n    model.eval()  # expect: EVAL077\n    with torch.no_grad():\n"
            "        return sum((model(x).argmax(1) == y).sum().item() for x, y in loader)",
            "model.train()\nfor epoch in range(10):\n    for x, y in train_loader:\n        opt.zero_grad()\n"
            "        loss_fn(model(x), y).backward()\n        opt.step()\n    print(epoch, evaluate(model, val_loader))",
        )}),
        valid("""
            import torch

            def evaluate(model, loader):
                model.eval()
                with torch.no_grad():
                    return sum((model(x).argmax(1) == y).sum().item() for x, y in loader)

            def train_one_epoch(model, loader, opt, loss_fn):
                model.train()
                for x, y in loader:
                    opt.zero_grad()
                    loss_fn(model(x), y).backward()
                    opt.step()

            def fit(model, train_loader, val_loader, opt, loss_fn):
                for epoch in range(10):
                    model.train()
                    for x, y in train_loader:
                        opt.zero_grad()
                        loss_fn(model(x), y).backward()
                        opt.step()
                    print(epoch, evaluate(model, val_loader))
                for epoch in range(10):
                    train_one_epoch(model, train_loader, opt, loss_fn)
                    print(epoch, evaluate(model, val_loader))
                return evaluate(model, val_loader)
        """, note="near misses: train mode set again each epoch, by the loop or by the function it calls"),
        invalid("""
            import torch

            class Model:
                def predict_dataloader(self, dataloader, numpy=True, eval_=True):
                    if eval_:
                        self.net.eval()
                    with torch.set_grad_enabled(False):
                        preds = [self.net(*batch) for batch in dataloader]
                    if eval_:
                        self.net.eval()  # expect: EVAL077
                    return torch.cat(preds)
        """, note="a library's predict repeats its eval switch where the restore belongs"),
        valid("""
            import torch

            class Model:
                def predict_dataloader(self, dataloader, eval_=True):
                    if eval_:
                        self.net.eval()
                    with torch.set_grad_enabled(False):
                        preds = [self.net(*batch) for batch in dataloader]
                    if eval_:
                        self.net.train()
                    return torch.cat(preds)

                def score(self, loader):
                    self.net.eval()
                    self.head.eval()
                    return [self.head(self.net(x)) for x in loader]
        """, note="near misses: the fix restores train mode; two modules switched once each"),
        valid("""
            import torch

            class FlexNet:
                def predict(self, X, training=False):
                    if not training:
                        self.model.eval()
                    return self.model(X)

                def fit(self, X, y, X_val, y_val, optimizer, loss_fn):
                    self.model.train()
                    for i in range(100):
                        optimizer.zero_grad()
                        loss_fn(self.predict(X, training=True), y).backward()
                        optimizer.step()
                        val_loss = loss_fn(self.predict(X_val, training=True), y_val)
        """, note="near miss (a mirror's CATENets): the helper switches to eval mode only when not asked for training"),
        valid("""
            class RLTrainer:
                def evaluate(self, step_idx):
                    self.policy.eval()
                    return self.rollout(self.eval_queries)

                def train(self, total_steps, eval_steps):
                    for step_idx in range(total_steps):
                        stats = self.step(self.train_loader, step_idx)
                        if step_idx % eval_steps == 0:
                            self.evaluate(step_idx)
        """, note="near miss (a mirror's alpaca_farm): the loop's `self.step(...)` is the trainer's, whose modes another file sets"),
    ]

    def visit_Module(self, node) -> None:
        tree = module_tree(self.ctx)
        if tree is None:
            return
        functions = [n for n in module_nodes(self.ctx) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
        repeated: set[int] = set()
        for f in functions:
            pair = _restore_repeats_eval(f)
            if pair is not None:
                first, last = pair
                repeated.add(last.lineno)
                self.ctx.report(type(self), None, line=last.lineno, message=(
                    "`{helper}` repeats its eval switch `{switch}` (line {line0}) where the switch back to train "
                    "mode belongs: the second switch changes nothing, and training that calls `{helper}` goes on "
                    "in eval mode"), fields={"helper": f.name, "switch": ast.unparse(last), "line0": first.lineno})
        trains = {f.name for f in functions if any(_switch(c) == "train" for c in _calls(f))}
        helpers: dict[str, ast.Call] = {}
        for f in functions:
            # Only the switches the helper always makes: a statement of its own body, not one under an `if`
            # (`if not training: self.model.eval()`), whose callers may ask for the other mode.
            switches = [s.value for s in f.body if isinstance(s, ast.Expr) and _switch(s.value)]
            if switches and _switch(switches[-1]) == "eval" and "mode" not in f.name.lower() \
                    and not any(_switch(c) == "train" and c.lineno > switches[-1].lineno for c in _calls(f)):
                helpers[f.name] = switches[-1]
        if not helpers:
            return
        for scope in [tree, *functions]:
            loops = [n for n in (subtree(scope) if scope is not tree else [x for s in tree.body
                     if not isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) for x in subtree(s)])
                     if isinstance(n, (ast.For, ast.While))]
            for loop in loops:
                calls = _calls(loop)
                if not any(_callee(c) == "backward" or _optimizer_step(c) for c in calls):
                    continue
                if any(_switch(c) == "train" or _callee(c) in trains or "train" in _callee(c).lower() for c in calls):
                    continue
                called = next((c for c in calls if _callee(c) in helpers), None)
                if called is None:
                    continue
                switch = helpers[_callee(called)]
                if switch.lineno in repeated:
                    return
                self.ctx.report(type(self), None, line=switch.lineno, fields={
                    "helper": _callee(called), "line0": switch.lineno, "called": called.lineno,
                    "loop": scope.name if not isinstance(scope, ast.Module) else "the script"})
                return

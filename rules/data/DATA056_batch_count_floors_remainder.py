"""DATA056: items sent to a model in batches counted by floor division, so the remainder is never sent."""
from __future__ import annotations

import re

import libcst as cst

from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, notebook, valid

_BATCH = re.compile(r"(?i)(batch|(?<![a-z])bs(?![a-z])|chunk)")
# What a batch of items is sent to when it is evaluated: a model, a client, a grader.
_SEND = re.compile(r"(?i)(generat|predict|infer|evaluat|complet|chat|query|classif|score|embed|encode|judge|"
                   r"respond|answer|ask|call_model|forward)")
_TRAIN = re.compile(r"(?i)(?<![a-z])(backward|zero_grad|fit|train|train_step|training_step)(?![a-z])|optimizer\.step")


def _floor_division(expr: cst.BaseExpression) -> cst.BaseExpression | None:
    """The divisor of `int(n / bs)`, `n // bs`, `math.floor(n / bs)`, `np.floor(n / bs)`; None otherwise."""
    if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.FloorDivide):
        return None if _rounded_up(expr) else expr.right
    if isinstance(expr, cst.Call) and len(expr.args) == 1:
        func = expr.func
        name = func.value if isinstance(func, cst.Name) else func.attr.value if isinstance(func, cst.Attribute) else ""
        inner = expr.args[0].value
        if name in ("int", "floor") and isinstance(inner, cst.BinaryOperation) and isinstance(inner.operator, cst.Divide):
            return inner.right
    return None


def _rounded_up(expr: cst.BinaryOperation) -> bool:
    """`(n + bs - 1) // bs`, `(n + (bs - 1)) // bs`, `(bs - 1 + n) // bs`: the ceiling spelled as a floor."""
    divisor = re.sub(r"[\s()]", "", _code(expr.right))
    numerator = re.sub(r"[\s()]", "", _code(expr.left))
    return bool(divisor) and (numerator.endswith(f"+{divisor}-1") or numerator.startswith(f"{divisor}-1+"))


def _code(node: cst.CSTNode) -> str:
    return cst.Module(body=[]).code_for_node(node)


class _Function:
    def __init__(self) -> None:
        self.counts: dict[str, list[tuple[cst.CSTNode, str]]] = {}   # name -> (assignment, divisor text)
        self.binds: dict[str, int] = {}
        self.loops: list[tuple[cst.For, cst.CSTNode, str, str]] = []  # (loop, where to report, divisor, count text)
        # Statement lines, whose code is generated only when a loop gets as far as reading it: for
        # every line of every file it was a twelfth of a cold scan's file phase (issue 12).
        self.lines: list[cst.SimpleStatementLine] = []


class BatchCountFloorsRemainder(Rule):
    """
    ## What it does
    Finds a loop over batches whose number is a floor division of the item count by the batch size
    (`num_batches = int(len(dataset) / batch_size)`, `len(prompts) // bs`, `math.floor(n / batch_size)`),
    each batch a slice of the items (`dataset[i * batch_size:(i + 1) * batch_size]`) sent to a model, a
    client or a grader (`model.do_generation(batch)`, `model.predict(batch)`, `client.chat(...)`). The
    finding is on the floor division. A count rounded up (`math.ceil`, `(n + bs - 1) // bs`, `-(-n // bs)`, `n // bs +
    1`), a count re-assigned when there is a remainder, a remainder sliced after the loop
    (`dataset[num_batches * batch_size:]`), `range(0, n, bs)`, and loops that train (`backward`,
    `optimizer.step`, `fit`) are left alone.

    ## Why is this bad?
    The last `n % batch_size` items are never generated, predicted or scored, and a set smaller than
    one batch gives no outputs at all; the reported rate is over the items that happened to fill whole
    batches, a different subset for every batch size.

    ## Example
        num_batches = int(len(dataset) / batch_size)
        for b in range(num_batches):
            batch = dataset[b * batch_size:(b + 1) * batch_size]
            outputs += model.generate(batch)

    Use instead:
        for start in range(0, len(dataset), batch_size):
            outputs += model.generate(dataset[start:start + batch_size])
    """

    code = "DATA056"
    category = "DATA-DROP"
    severity = Severity.WARNING
    message = ("`{count}` rounds the number of batches down, so the last `len % {divisor}` items are never "
               "sent to `{call}` (and none at all when there are fewer than one batch)")
    question = "Are the items left over after the last full batch of `{count}` at {where} meant to be skipped?"
    triggers = ("//", "int(", "floor(")
    examples = [
        invalid("""
            def generate_and_save(args, dataset, gt_list, constructor, out_file, batch_size):
                dataset_size = len(dataset)
                num_batches = int(dataset_size / batch_size)  # expect: DATA056
                model = Chat.from_helm(args)
                for batch_idx in range(num_batches):
                    batch_start = batch_idx * batch_size
                    batch_end = (batch_idx + 1) * batch_size
                    batch_data = dataset[batch_start:batch_end]
                    cost, cache = model.do_generation(batch_data, constructor, n=args.n)
                    write_rows(out_file, cache, gt_list[batch_start:batch_end])
        """),
        invalid({"score.ipynb": notebook(
            """
            import math
            prompts = [build(q) for q in questions]
            bs = 16
            """,
            """
            answers = []
            for k in range(math.floor(len(prompts) / bs)):  # expect: DATA056
                answers.extend(generator(prompts[k * bs:(k + 1) * bs], max_new_tokens=64))
            accuracy = sum(grade(a, q) for a, q in zip(answers, questions)) / len(answers)
            """,
        )}, note="notebook, the floor inline in the loop; a text-generation pipeline called on each slice"),
        valid("""
            import math

            def predict_all(model, items, batch_size):
                outputs = []
                for b in range(math.ceil(len(items) / batch_size)):
                    outputs += model.predict(items[b * batch_size:(b + 1) * batch_size])
                n_batches = len(items) // batch_size
                for b in range(n_batches):
                    outputs += model.predict(items[b * batch_size:(b + 1) * batch_size])
                outputs += model.predict(items[n_batches * batch_size:])
                return outputs

            def generate(model, prompts, bs):
                n = len(prompts) // bs
                if len(prompts) % bs:
                    n += 1
                for i in range(n):
                    yield model.generate(prompts[i * bs:(i + 1) * bs])
        """, note="rounded up, remainder sliced after the loop, or the count adjusted"),
        valid("""
            def score_regions(net, regions, bs):
                for _ in range(3):
                    n_parts = regions.shape[0]
                    part_count = (n_parts + bs - 1) // bs
                    for p in range(part_count):
                        lo = p * bs
                        hi = min((p + 1) * bs, n_parts)
                        votes = net.predict(regions[lo:hi])
                for k in range(-(-len(regions) // bs)):
                    net.predict(regions[k * bs:(k + 1) * bs])
                for k in range((len(regions) + (bs - 1)) // bs):
                    net.predict(regions[k * bs:(k + 1) * bs])
        """, note="held-out set 31: the ceiling spelled as a floor division (`(n + B - 1) // B`, `-(-n // B)`)"),
        valid("""
            def train_epoch(model, optimizer, X, y, batch_size):
                for i in range(len(X) // batch_size):
                    xb, yb = X[i * batch_size:(i + 1) * batch_size], y[i * batch_size:(i + 1) * batch_size]
                    loss = model.forward(xb).loss(yb)
                    loss.backward()
                    optimizer.step()
        """, note="a training loop may drop its last partial batch"),
    ]

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._functions: list[_Function] = [_Function()]

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._functions.append(_Function())

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self._judge(self._functions.pop())

    def finish(self) -> None:
        self._judge(self._functions[0])

    def visit_Assign(self, node: cst.Assign) -> None:
        function = self._functions[-1]
        for target in node.targets:
            if isinstance(target.target, cst.Name):
                name = target.target.value
                function.binds[name] = function.binds.get(name, 0) + 1
                divisor = _floor_division(node.value)
                if divisor is not None and len(node.targets) == 1:
                    function.counts.setdefault(name, []).append((node, self.ctx.code(divisor)))

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        if isinstance(node.target, cst.Name):
            function = self._functions[-1]
            function.binds[node.target.value] = function.binds.get(node.target.value, 0) + 1

    def visit_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> None:
        self._functions[-1].lines.append(node)

    def visit_For(self, node: cst.For) -> None:
        iterable = node.iter
        if not (isinstance(iterable, cst.Call) and isinstance(iterable.func, cst.Name) and iterable.func.value == "range"
                and len(iterable.args) == 1):
            return
        count = iterable.args[0].value
        function = self._functions[-1]
        divisor = _floor_division(count)
        if divisor is not None:
            function.loops.append((node, iterable, self.ctx.code(divisor), self.ctx.code(count)))
        elif isinstance(count, cst.Name) and count.value in function.counts:
            assignment, divisor_text = function.counts[count.value][-1]
            function.loops.append((node, assignment, divisor_text, count.value))

    def _judge(self, function: _Function) -> None:
        code = None
        for loop, where, divisor, count in function.loops:
            if not _BATCH.search(divisor):
                continue
            name = count if count.isidentifier() else None
            if name is not None and function.binds.get(name, 0) > 1:
                continue  # adjusted for the remainder
            body = self.ctx.code(loop.body)
            if _TRAIN.search(body) or not re.search(r"\[[^\]\n]*:[^\]\n]*\]", body):
                continue
            if code is None:
                code = "\n".join(self.ctx.code(line) for line in function.lines)
            if name is not None and re.search(rf"\[\s*{re.escape(name)}\s*\*", code):
                continue  # the remainder is sliced after the loop
            if f"% {divisor}" in code or f"%{divisor}" in code:
                continue
            call = _sending_call(loop.body)
            if call is None:
                continue
            self.report(where, count=" ".join(self.ctx.code(where).split()) if name is None else name,
                        divisor=divisor, call=call)


def _sending_call(body: cst.CSTNode) -> str | None:
    """The name of the first call in the loop body named for sending items to a model or grader."""
    found: list[str] = []

    class _Calls(cst.CSTVisitor):
        def visit_Call(self, node: cst.Call) -> None:
            func = node.func
            name = func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""
            if name and _SEND.search(name) and not found:
                found.append(name)

    body.visit(_Calls())
    return found[0] if found else None

"""EVAL029: a loop stores its update in the loop variable, which nothing reads, and the list it meant to update is used unchanged."""
from __future__ import annotations

import libcst as cst

from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, valid, notebook
from hygiene.walk import iter_nodes


def _target_names(target: cst.BaseExpression) -> list[cst.Name]:
    if isinstance(target, cst.Name):
        return [target]
    if isinstance(target, (cst.Tuple, cst.List)):
        return [n for e in target.elements for n in _target_names(e.value)]
    return []


class UpdateLostInLoopVariable(Rule):
    """
    ## What it does
    Finds a `for` loop over a list (or over `zip` of lists) that assigns a new value to its loop
    variable, `adv_x = tmp_adv_x` inside `for adv_x, tmp_adv_x, ... in zip(batch_adv_x, ...)`,
    when nothing in the loop reads the variable after that assignment and the function goes on
    to use the list (`return batch_adv_x`). Rebinding the loop variable never changes the list: the
    update the loop was written for is lost. A loop that reads the new value (`line =
    line.strip()` then `out.append(line)`), one that writes through an index, and a list never
    used again are left alone.

    ## Why is this bad?
    The function returns or scores its input as it was: the better adversarial examples, the
    cleaned texts or the corrected labels are dropped without a trace, and the figure computed
    from the list (an attack success rate, an accuracy) describes the unmodified data, here a
    success rate of 0.

    ## Example
        for (adv_x, tmp_adv_x, tmp_score, score) in zip(batch_adv_x, batch_tmp_adv_x, tmp_scores, scores):
            if tmp_score > score:
                adv_x = tmp_adv_x
                score = tmp_score
        return batch_adv_x

    Use instead:
        for idx, (adv_x, tmp_adv_x, tmp_score, score) in enumerate(zip(batch_adv_x, batch_tmp_adv_x, tmp_scores, scores)):
            if tmp_score > score:
                batch_adv_x[idx] = tmp_adv_x
                scores[idx] = tmp_score
        return batch_adv_x
    """

    code = "EVAL029"
    category = "EVAL-ARGS"
    severity = Severity.ERROR
    message = ("`{code}` only rebinds the loop variable `{name}`: `{source}`, which the function uses after the "
               "loop, keeps its old element, and the update is lost")
    question = "Should `{code}` at {where} update `{source}` itself (through an index)?"
    triggers = ("for ",)
    examples = [
        invalid("""
            def attack(self, batch_adv_x, batch_tmp_adv_x, tmp_bertscores, bertscores, success_attacks):
                for (
                    adv_x,
                    tmp_adv_x,
                    tmp_bertscore,
                    bertscore,
                    success_attack,
                ) in zip(batch_adv_x, batch_tmp_adv_x, tmp_bertscores, bertscores, success_attacks):
                    if success_attack and tmp_bertscore > bertscore:
                        adv_x = tmp_adv_x  # expect: EVAL029
                        bertscore = tmp_bertscore
                return batch_adv_x
        """),
        invalid("""
            def clean(labels):
                for label in labels:
                    if label == -1:
                        label = 0  # expect: EVAL029
                return labels
        """),
        valid("""
            def clean(lines, scores):
                out = []
                for line in lines:
                    line = line.strip()
                    out.append(line)
                for i, (s, t) in enumerate(zip(scores, lines)):
                    if s < 0:
                        scores[i] = 0
                for s in scores:
                    s = s * 2
                return out
        """, note="the new value is read, written through an index, or the list is not used again"),
        invalid({"attack.ipynb": notebook(
            """
            adv_batch = [x.clone() for x in clean_batch]
            candidates = [perturb(x) for x in clean_batch]
            """,
            """
            for adv, cand, ok in zip(adv_batch, candidates, successes):
                if ok:
                    adv = cand  # expect: EVAL029
            """,
            """
            robust_acc = evaluate(model, adv_batch)
            """,
        )}, note="notebook: the loop rebinds its variable in one cell, the list is evaluated in the next"),
        valid({"attack.ipynb": notebook(
            """
            adv_batch = [x.clone() for x in clean_batch]
            candidates = [perturb(x) for x in clean_batch]
            """,
            """
            for i, (cand, ok) in enumerate(zip(candidates, successes)):
                if ok:
                    adv_batch[i] = cand
            """,
            """
            robust_acc = evaluate(model, adv_batch)
            """,
        )}, note="near miss: written through the index"),
    ]

    # The loops of each open function, collected by the shared walk in source order (what a walk
    # of the function's body would give, without walking every body again: issue 12).
    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.__dict__.setdefault("_open", []).append([])

    def visit_For(self, node: cst.For) -> None:
        for loops in self.__dict__.get("_open", ()):
            loops.append(node)
        if not self.__dict__.get("_open"):  # a loop of a script or a notebook cell: the module goes on
            self.__dict__.setdefault("_module_loops", []).append(node)

    def finish(self) -> None:
        for loop in self.__dict__.get("_module_loops", ()):
            self._check_loop(self.ctx.module, loop)

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        for loop in self._open.pop():
            self._check_loop(original_node, loop)

    def _sources(self, loop: cst.For) -> dict[str, str]:
        """Loop-variable name -> the list it walks, for `for x in xs` and `for a, b in zip(xs, ys)`."""
        names = _target_names(loop.target)
        it = loop.iter
        if isinstance(it, cst.Name) and len(names) == 1 and isinstance(loop.target, cst.Name):
            return {names[0].value: it.value}
        if isinstance(it, cst.Call) and isinstance(it.func, cst.Name) and it.func.value == "zip" \
                and isinstance(loop.target, (cst.Tuple, cst.List)):
            elements = [e.value for e in loop.target.elements]
            if len(elements) == len(it.args):
                return {t.value: a.value.value for t, a in zip(elements, it.args)
                        if isinstance(t, cst.Name) and isinstance(a.value, cst.Name) and a.keyword is None}
        return {}

    def _check_loop(self, function: cst.FunctionDef | cst.Module, loop: cst.For) -> None:
        sources = self._sources(loop)
        if not sources:
            return
        body = list(iter_nodes(loop.body))
        candidates = [node for node in body if isinstance(node, cst.Assign) and len(node.targets) == 1
                      and isinstance(node.targets[0].target, cst.Name)
                      and node.targets[0].target.value in sources
                      and not (isinstance(node.value, cst.Name) and node.value.value == node.targets[0].target.value)]
        if not candidates:  # positions (generated code) only for a loop that rebinds its variable
            return
        loop_end = self._line(loop, end=True)
        for node in candidates:
            name = node.targets[0].target.value
            if self._read_after(body, name, self._line(node, end=True), node):
                continue
            source = sources[name]
            if not self._used_after(function, source, loop_end):
                continue
            self.report(node, related=[Location(self.ctx.path, self.ctx.line_of(loop), "the loop")],
                        code=" ".join(self.ctx.code(node).split()), name=name, source=source)
            return

    def _read_after(self, body: list[cst.CSTNode], name: str, line: int, assign: cst.Assign) -> bool:
        targets = {id(t.target) for n in body if isinstance(n, cst.Assign) for t in n.targets}
        for node in body:
            if isinstance(node, cst.Name) and node.value == name and id(node) not in targets:
                here = self._line(node)
                if here > line or self._inside(node, assign.value):
                    return True
        return False

    @staticmethod
    def _inside(node: cst.CSTNode, root: cst.CSTNode) -> bool:
        return any(n is node for n in iter_nodes(root))

    def _used_after(self, function: cst.FunctionDef | cst.Module, source: str, line: int) -> bool:
        root = function.body if isinstance(function, cst.FunctionDef) else function
        return any(isinstance(n, cst.Name) and n.value == source and self._line(n) > line
                   for n in iter_nodes(root))

    def _line(self, node: cst.CSTNode, end: bool = False) -> int:
        pos = self.ctx.position(node)
        if pos is None:
            return 0
        return pos.end.line if end else pos.start.line

"""EVAL017: one sequence of records unpacked twice, a field taken from another slot the second time."""
from __future__ import annotations

import libcst as cst

from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, valid, notebook


class FieldFromOtherSlot(Rule):
    """
    ## What it does
    Finds a sequence of records (`self.predictions[case]`, `rows`) unpacked by position in two
    loops or comprehensions of one file, where both unpackings have the same number of slots, agree
    on the names of at least two slots, and put one name (or two, swapped) in different slots:
    `for x, y, z, cls, sc in preds` and later `for (x, y, z, sc, _) in preds`. The later one is
    reported, naming the earlier. A name swapped with another (`for a, b` / `for b, a`) with
    nothing else agreeing is left alone: that is as often a deliberate transposition.

    ## Why is this bad?
    The record's layout is fixed; one of the two unpackings reads the wrong slot. In the example
    the detection scores handed to the mAP are the class labels, so every detection ties and the
    precision-recall curve is computed over an arbitrary ranking. Nothing fails: the values have
    the right type and length.

    ## Example
        hits = [(x, y) for x, y, z, cls, sc in preds if cls == 1 and sc > det]
        scores = [sc for (x, y, z, sc, _) in preds]

    Use instead:
        scores = [sc for (x, y, z, _, sc) in preds]
    """

    code = "EVAL017"
    category = "EVAL-ARGS"
    severity = Severity.ERROR
    message = ("`{name}` is slot {second} of `{records}` here but slot {first} at line {first_line} "
               "(`{first_code}`): one of the two reads another field")
    question = "Which slot of `{records}` holds `{name}`: {first} (line {first_line}) or {second} ({where})?"
    examples = [
        invalid("""
            from torch import Tensor

            class Evaluation:
                def score(self, case, det, size):
                    hits = [(x, y, 0) for x, y, z, cls, sc in self.predictions[case] if cls == 1 and sc > det]
                    boxes = Tensor([[x - size, y - size, x + size, y + size] for (x, y, z, _, _) in self.predictions[case]])
                    scores = Tensor([sc for (x, y, z, sc, _) in self.predictions[case]])  # expect: EVAL017
                    return hits, boxes, scores
        """),
        invalid("""
            for name, split, acc, loss in records:
                table.append((name, split, acc))
            for name, split, loss, acc in records:  # expect: EVAL017
                losses[name] = loss
        """, note="two for loops"),
        valid("""
            hits = [(x, y) for x, y, z, cls, sc in preds if cls == 1]
            scores = [sc for (x, y, z, _, sc) in preds]
            for x, y, z, cls, sc in other_preds:
                pass
        """, note="the same slot; another sequence"),
        valid("""
            pixels = [(r, c) for r, c in coords]
            flipped = [(c, r) for c, r in coords]
            for a, b, c in triples:
                pass
            for a, b in pairs:
                pass
        """, note="near miss: two names swapped with nothing else agreeing; another length"),
        invalid({"detections.ipynb": notebook(
            """
            detections = [(x, y, w, h, label, score) for x, y, w, h, label, score in raw]
            kept = [(x, y, w, h) for x, y, w, h, label, score in detections if score > 0.5]
            """,
            """
            scores = [score for (x, y, w, h, score, label) in detections]  # expect: EVAL017
            """,
        )}, note="notebook: the records unpacked in one cell, a later cell reads the label's slot as the score"),
        valid({"detections.ipynb": notebook(
            """
            detections = [(x, y, w, h, label, score) for x, y, w, h, label, score in raw]
            kept = [(x, y, w, h) for x, y, w, h, label, score in detections if score > 0.5]
            """,
            """
            scores = [score for (x, y, w, h, label, score) in detections]
            """,
        )}, note="near miss: the same slots"),
    ]

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._seen: dict[str, list[tuple[dict[str, int], int, cst.CSTNode, str]]] = {}

    def visit_CompFor(self, node: cst.CompFor) -> None:
        self._unpacking(node.target, node.iter, node)

    def visit_For(self, node: cst.For) -> None:
        self._unpacking(node.target, node.iter, node.target)

    def _unpacking(self, target: cst.BaseExpression, iterated: cst.BaseExpression, anchor: cst.CSTNode) -> None:
        if not isinstance(target, cst.Tuple) or len(target.elements) < 3:
            return
        slots: dict[str, int] = {}
        for index, element in enumerate(target.elements):
            if not isinstance(element.value, cst.Name):
                return
            name = element.value.value
            if name != "_":
                slots[name] = index
        records = " ".join(self.ctx.code(iterated).split())
        earlier = self._seen.setdefault(records, [])
        for first, length, first_node, first_code in earlier:
            if length != len(target.elements):
                continue
            agree = [n for n, i in slots.items() if first.get(n) == i]
            moved = [n for n, i in slots.items() if n in first and first[n] != i]
            if len(agree) >= 2 and len(moved) in (1, 2):
                name = moved[0]
                self.report(anchor, name=name, records=records, first=first[name] + 1, second=slots[name] + 1,
                            first_line=self.ctx.line_of(first_node), first_code=first_code,
                            related=[Location(self.ctx.path, self.ctx.line_of(first_node), f"`{name}` unpacked here")])
                return
        earlier.append((slots, len(target.elements), anchor, " ".join(self.ctx.code(target).split())))

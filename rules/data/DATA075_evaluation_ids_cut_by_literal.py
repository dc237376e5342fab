"""DATA075: a COCO-style evaluation restricted to a literal subset of its image ids."""
from __future__ import annotations

import ast

from hygiene.analysis.stdast import module_nodes, module_tree, walk_list
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, notebook, valid

# The evaluation parameters that choose which images (or categories) are scored.
ID_PARAMS = frozenset({"imgIds", "img_ids", "image_ids", "imageIds"})


def _literal_cut(value: ast.AST) -> str:
    """How `value` cuts the ids to a number written in the code: `range(0, 100)`, `range(100)`,
    `ids[:100]`, `[0, 1, 2]`; "" for ids taken from the data (`coco.getImgIds()`, `sorted(ids)`)."""
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id in ("list", "sorted") \
            and value.args:
        return _literal_cut(value.args[0])
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "range" \
            and all(isinstance(a, ast.Constant) for a in value.args):
        return ast.unparse(value)
    if isinstance(value, ast.Subscript) and isinstance(value.slice, ast.Slice):
        bounds = [b for b in (value.slice.lower, value.slice.upper) if b is not None]
        if bounds and all(isinstance(b, ast.Constant) or (isinstance(b, ast.UnaryOp) and isinstance(b.operand, ast.Constant))
                          for b in bounds):
            return ast.unparse(value)
    if isinstance(value, (ast.List, ast.Tuple)) and value.elts and all(isinstance(e, ast.Constant) for e in value.elts):
        return ast.unparse(value) if len(value.elts) <= 6 else f"[{len(value.elts)} literal ids]"
    return ""


class EvaluationIdsCutByLiteral(Rule):
    """
    ## What it does
    Finds a COCO-style evaluation (`COCOeval`, its `params`) told to score only the images whose ids
    a number in the code picks: `cocoEval.params.imgIds = range(0, 100)`, `E.params.imgIds =
    img_ids[:500]`, `params.imgIds = [1, 2, 3]`. Ids taken from the data
    (`coco_gt.getImgIds()`, `sorted(img_ids)`, the ids of the detections) are left alone, and so
    is a cut under an `if` that tests a debugging or quick-run option.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `cocoEval.params.imgIds = range(0,100)` | yes | `cocoEval.params.imgIds = sorted(gt.getImgIds())` |
    | `E.params.imgIds = img_ids[:500]` | yes | `E.params.imgIds = img_ids` |
    | `params.imgIds = [139, 285, 632]` | yes | `if args.debug: E.params.imgIds = ids[:50]` |

    ## Why is this bad?
    `COCOeval` scores exactly the images in `params.imgIds`. A cut left in from debugging (the
    first 100 images: an hour of evaluation saved) makes every later mAP a figure for that subset,
    printed in the same table format as the full test set's, and the paper's number no one can
    reproduce on the benchmark.

    ## Example
        cocoEval = COCOeval(gt, dt, iouType="bbox")
        cocoEval.params.imgIds = range(0, 100)
        cocoEval.evaluate()

    Use instead:
        cocoEval = COCOeval(gt, dt, iouType="bbox")
        cocoEval.evaluate()
    """

    code = "DATA075"
    category = "DATA-DROP"
    severity = Severity.ERROR
    message = ("`{target} = {cut}` scores only the images a number in the code picks: the printed metrics are "
               "those of that subset, not of the evaluation set")
    question = "Is the evaluation at {where} meant to score only `{cut}`, not every image of the set?"
    triggers = ("imgIds", "img_ids", "image_ids", "imageIds")
    examples = [
        invalid("""
            from pycocotools.coco import COCO
            from pycocotools.cocoeval import COCOeval

            if __name__ == "__main__":
                gt, dt = COCO("gt.json"), COCO("gt.json").loadRes("dt.json")
                cocoEval = COCOeval(gt, dt, iouType='bbox')
                cocoEval.params.imgIds  = range(0,100)  # expect: DATA075
                cocoEval.evaluate()
                cocoEval.accumulate()
                cocoEval.summarize()
        """),
        valid("""
            from pycocotools.coco import COCO
            from pycocotools.cocoeval import COCOeval

            if __name__ == "__main__":
                gt, dt = COCO("gt.json"), COCO("gt.json").loadRes("dt.json")
                cocoEval = COCOeval(gt, dt, iouType='bbox')
                cocoEval.params.imgIds = sorted(gt.getImgIds())
                cocoEval.evaluate()
                cocoEval.accumulate()
                cocoEval.summarize()
        """, note="near miss: the ids of the ground truth"),
        invalid({"eval.ipynb": notebook(
            "from pycocotools.cocoeval import COCOeval",
            "E = COCOeval(coco_gt, coco_dt, 'segm')\nE.params.imgIds = img_ids[:500]  # expect: DATA075\nE.evaluate(); E.accumulate(); E.summarize()",
        )}),
        valid("""
            from pycocotools.cocoeval import COCOeval

            def evaluate(coco_gt, coco_dt, img_ids, args):
                E = COCOeval(coco_gt, coco_dt, "bbox")
                E.params.imgIds = img_ids
                if args.debug:
                    E.params.imgIds = img_ids[:50]
                E.evaluate()
                E.accumulate()
                E.summarize()
                return E.stats
        """, note="near misses: the ids given, and a cut for a debugging run"),
    ]

    def visit_Module(self, node) -> None:
        if module_tree(self.ctx) is None:
            return
        nodes = module_nodes(self.ctx)
        debug = {x.lineno for n in nodes if isinstance(n, ast.If) and any(w in ast.unparse(n.test).lower() for w in (
            "debug", "quick", "smoke", "dry", "toy", "subset")) for x in walk_list(n) if hasattr(x, "lineno")}
        for n in nodes:
            if not isinstance(n, ast.Assign) or len(n.targets) != 1 or n.lineno in debug:
                continue
            target = n.targets[0]
            if not (isinstance(target, ast.Attribute) and target.attr in ID_PARAMS
                    and isinstance(target.value, ast.Attribute) and target.value.attr == "params"):
                continue
            cut = _literal_cut(n.value)
            if cut:
                self.ctx.report(type(self), None, line=n.lineno, fields={"target": ast.unparse(target), "cut": cut})

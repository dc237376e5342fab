"""EVAL075: corner coordinates written to a COCO `bbox`, which reads `[x, y, width, height]`."""
from __future__ import annotations

import ast

from hygiene.analysis.stdast import module_nodes, module_tree
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, notebook, valid

# The keys of a COCO annotation or detection record beside `bbox`.
COCO_KEYS = frozenset({"image_id", "category_id", "score", "area", "iscrowd", "segmentation"})
# The words of a box's near and far corner (lower case, underscores dropped).
NEAR_X = frozenset({"x1", "xmin", "minx", "left", "x0", "xleft"})
NEAR_Y = frozenset({"y1", "ymin", "miny", "top", "y0", "ytop"})
FAR_X = frozenset({"x2", "xmax", "maxx", "right", "xright"})
FAR_Y = frozenset({"y2", "ymax", "maxy", "bottom", "ybottom"})


def _word(expr: ast.AST) -> str:
    """The word a box coordinate is known by: `x2`, `row['x2']`, `box.xmax`, `b["right"]`."""
    if isinstance(expr, ast.Name):
        return expr.id
    if isinstance(expr, ast.Attribute):
        return expr.attr
    if isinstance(expr, ast.Subscript) and isinstance(expr.slice, ast.Constant) and isinstance(expr.slice.value, str):
        return expr.slice.value
    if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name) and expr.func.id in ("int", "float", "round") \
            and expr.args:
        return _word(expr.args[0])
    return ""


def _corners(value: ast.AST) -> bool:
    """`[x1, y1, x2, y2]`: four coordinates named for two corners, none a difference."""
    if not isinstance(value, (ast.List, ast.Tuple)) or len(value.elts) != 4:
        return False
    words = [_word(e).lower().replace("_", "") for e in value.elts]
    if words == ["x0", "y0", "x1", "y1"]:
        return True
    return words[0] in NEAR_X and words[1] in NEAR_Y and words[2] in FAR_X and words[3] in FAR_Y


class CornerBoxAsCocoWidth(Rule):
    """
    ## What it does
    Finds a COCO record (a dict with `bbox` beside `image_id`, `category_id`, `score` or `area`,
    or `entry["bbox"] = ...` in a file that builds such records) whose box is written as two corners,
    `[x1, y1, x2, y2]` (also `xmin, ymin, xmax, ymax`, `left, top, right, bottom`, `row['x2']`),
    while COCO and `pycocotools` read `bbox` as `[x, y, width, height]`. Boxes written as
    differences (`x2 - x1`), as `x, y, w, h`, and records that say their mode
    (`"bbox_mode": BoxMode.XYXY_ABS`) are left alone.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `entry['bbox'] = [row['x1'], row['y1'], row['x2'], row['y2']]` | yes | `[row['x1'], row['y1'], row['x2'] - row['x1'], row['y2'] - row['y1']]` |
    | `{"image_id": i, "bbox": [xmin, ymin, xmax, ymax], "score": s}` | yes | `{"image_id": i, "bbox": [x, y, w, h], "score": s}` |
    | `{"bbox": [x0, y0, x1, y1], "category_id": c}` | yes | `{"bbox": [x0, y0, x1, y1], "bbox_mode": BoxMode.XYXY_ABS}` |

    ## Why is this bad?
    `COCOeval` turns `[x, y, w, h]` into corners by adding the width and height: a corner box
    becomes one that reaches to `x1 + x2`, `y1 + y2`, several times too large and shifted, and the
    `area` beside it no longer matches its box. Every IoU, and so every AP, is computed on boxes no
    detector predicted; ground truth and detections written the same way do not cancel out.

    ## Example
        entry["bbox"] = [row["x1"], row["y1"], row["x2"], row["y2"]]

    Use instead:
        entry["bbox"] = [row["x1"], row["y1"], row["x2"] - row["x1"], row["y2"] - row["y1"]]
    """

    code = "EVAL075"
    category = "EVAL-ARGS"
    severity = Severity.ERROR
    message = ("`{box}` writes two corners to a COCO `bbox`, which is read as `[x, y, width, height]`: "
               "every IoU and AP is computed on other boxes")
    question = "Is the `bbox` at {where} meant as `[x, y, width, height]` rather than corners?"
    triggers = ("bbox",)
    examples = [
        invalid("""
            import pandas as pd
            from pycocotools.cocoeval import COCOeval

            def get_entry_dict():
                return {"segmentation": None, "iscrowd": 0, "image_id": None, "category_id": 1,
                        "id": None, "bbox": None, "area": None}

            def get_gt_json(annot, img_ids):
                gt = []
                for annotid, row in annot.iterrows():
                    entry = get_entry_dict()
                    entry['image_id'] = img_ids.index(row['image_name'])
                    entry['bbox'] = [row['x1'], row['y1'], row['x2'], row['y2']]  # expect: EVAL075
                    entry['area'] = (row['x2'] - row['x1']) * (row['y2'] - row['y1'])
                    gt.append(entry)
                return gt
        """),
        valid("""
            import pandas as pd
            from pycocotools.cocoeval import COCOeval

            def get_entry_dict():
                return {"segmentation": None, "iscrowd": 0, "image_id": None, "category_id": 1,
                        "id": None, "bbox": None, "area": None}

            def get_gt_json(annot, img_ids):
                gt = []
                for annotid, row in annot.iterrows():
                    entry = get_entry_dict()
                    entry['image_id'] = img_ids.index(row['image_name'])
                    entry['bbox'] = [row['x1'], row['y1'], row['x2'] - row['x1'], row['y2'] - row['y1']]
                    entry['area'] = (row['x2'] - row['x1']) * (row['y2'] - row['y1'])
                    gt.append(entry)
                return gt
        """, note="near miss: width and height"),
        invalid({"detect.ipynb": notebook(
            "import json",
            "results = []\nfor i, (xmin, ymin, xmax, ymax, s) in enumerate(dets):\n"
            "    results.append({'image_id': i, 'category_id': 1, 'bbox': [xmin, ymin, xmax, ymax], 'score': s})  # expect: EVAL075",
        )}),
        valid("""
            from detectron2.structures import BoxMode

            def record(i, x0, y0, x1, y1, x, y, w, h):
                a = {"image_id": i, "bbox": [x0, y0, x1, y1], "bbox_mode": BoxMode.XYXY_ABS, "category_id": 0}
                b = {"image_id": i, "bbox": [x, y, w, h], "score": 1.0}
                c = {"boxes": [x0, y0, x1, y1], "labels": [0]}
                d = {"name": "car", "bbox": [x0, y0, x1, y1]}
                return a, b, c, d
        """, note="near misses: a record that says its box mode, x/y/w/h, torchvision's `boxes`, a record of no COCO keys"),
    ]

    def visit_Module(self, node) -> None:
        if module_tree(self.ctx) is None:
            return
        nodes = module_nodes(self.ctx)
        coco_file = "pycocotools" in self.ctx.text or any(
            isinstance(n, ast.Dict) and "bbox" in _keys(n) and COCO_KEYS & _keys(n) for n in nodes)
        for n in nodes:
            if isinstance(n, ast.Dict):
                keys = _keys(n)
                if "bbox" in keys and COCO_KEYS & keys and "bbox_mode" not in keys:
                    box = n.values[[k.value if isinstance(k, ast.Constant) else None for k in n.keys].index("bbox")]
                    if _corners(box):
                        self.ctx.report(type(self), None, line=box.lineno, fields={"box": ast.unparse(box)})
            elif isinstance(n, ast.Assign) and coco_file and len(n.targets) == 1:
                target = n.targets[0]
                if isinstance(target, ast.Subscript) and isinstance(target.slice, ast.Constant) \
                        and target.slice.value == "bbox" and _corners(n.value):
                    self.ctx.report(type(self), None, line=n.lineno, fields={"box": ast.unparse(n.value)})


def _keys(node: ast.Dict) -> set[str]:
    return {k.value for k in node.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)}

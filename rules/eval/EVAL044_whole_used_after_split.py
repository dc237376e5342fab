"""EVAL044: an array split into named parts, one part never read and the whole used in its place."""
from __future__ import annotations

import libcst as cst

from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, notebook, valid
from hygiene.walk import scope_nodes, walk_scope

# Functions that cut an array or tensor into parts (not `str.split`: a method `.split` is left alone).
SPLIT_FUNCTIONS = frozenset({"torch.split", "torch.chunk", "torch.tensor_split", "torch.unbind", "numpy.split",
                             "numpy.array_split", "numpy.hsplit", "numpy.vsplit", "numpy.dsplit"})
SPLIT_METHODS = frozenset({"chunk", "unbind", "tensor_split"})


def _source(rule: Rule, call: cst.Call) -> str | None:
    """The code of the array `call` cuts: `rec_mat` of `torch.split(rec_mat, ...)` and of `rec_mat.chunk(2)`."""
    func = call.func
    name = rule.ctx.names.qualified_name(func)
    if name and any(name == f or name.endswith("." + f.split(".", 1)[1]) and name.split(".", 1)[0] in ("torch", "numpy")
                    for f in SPLIT_FUNCTIONS):
        if call.args and call.args[0].keyword is None and isinstance(call.args[0].value, (cst.Name, cst.Attribute)):
            return rule.ctx.code(call.args[0].value).strip()
        return None
    if isinstance(func, cst.Attribute) and func.attr.value in SPLIT_METHODS and isinstance(func.value, (cst.Name, cst.Attribute)):
        return rule.ctx.code(func.value).strip()
    return None


class WholeUsedAfterSplit(Rule):
    """
    ## What it does
    Finds an array or tensor cut into named parts (`topk_idx, pos_len_list = torch.split(rec_mat,
    [k, 1], dim=1)`, `a, b = x.chunk(2)`, `np.split`) where one part is never read while the whole
    is used after the cut (`return rec_mat.to(torch.bool), pos_len_list`): the line that should
    use the part uses the array it was cut from. Parts named `_`, a whole that is not used after the
    cut, and `str.split` are left alone.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `topk_idx, pos_len = torch.split(rec_mat, [k, 1], dim=1)` then `return rec_mat.numpy(), pos_len` (method) | yes | `return topk_idx.numpy(), pos_len` |
    | `mu, logvar = h.chunk(2, dim=-1)` then `z = h + eps * logvar.exp()` (script) | yes | `_, logvar = h.chunk(2, dim=-1)` |
    | `x_tr, x_te = np.split(x, [n])` then `model.fit(x, y_tr)` (notebook) | yes | `model.fit(x_tr, y_tr)` |

    ## Why is this bad?
    The metric, loss or model gets the whole array, columns that were meant to be cut off
    included: a hit matrix with a count column appended scores that column as hits, a "training"
    fit sees the test columns. Nothing fails, because the whole has the right type and enough rows.

    ## Example
        topk_idx, pos_len_list = torch.split(rec_mat, [max(self.topk), 1], dim=1)
        return rec_mat.to(torch.bool).numpy(), pos_len_list.squeeze().numpy()

    Use instead:
        return topk_idx.to(torch.bool).numpy(), pos_len_list.squeeze().numpy()
    """

    code = "EVAL044"
    category = "EVAL-ARGS"
    severity = Severity.ERROR
    message = ("`{whole}` is cut into `{parts}` at line {line}, `{unused}` is never read, and `{whole}` itself is used "
               "here: the part was meant, the whole (with the rest of its columns) is what is used")
    question = "Should `{text}` at {where} use `{unused}` (cut from `{whole}` at line {line} and never read) instead of `{whole}`?"
    triggers = ("split", "chunk", "unbind")
    examples = [
        invalid("""
            import torch

            class TopkMetric:
                def used_info(self, dataobject):
                    rec_mat = dataobject.get("rec.topk")
                    topk_idx, pos_len_list = torch.split(rec_mat, [max(self.topk), 1], dim=1)
                    return rec_mat.to(torch.bool).numpy(), pos_len_list.squeeze().numpy()  # expect: EVAL044
        """),
        valid("""
            import torch

            class TopkMetric:
                def used_info(self, dataobject):
                    rec_mat = dataobject.get("rec.topk")
                    topk_idx, pos_len_list = torch.split(rec_mat, [max(self.topk), 1], dim=1)
                    return topk_idx.to(torch.bool).numpy(), pos_len_list.squeeze().numpy()

                def header(self, line):
                    name, rest = line.split(",", 1)
                    return line.strip()
        """, note="near miss: the part used; a string's `split`"),
        invalid("""
            import torch

            h = encoder(x)
            mu, logvar = h.chunk(2, dim=-1)
            z = h + torch.randn_like(logvar) * logvar.exp()  # expect: EVAL044
        """, note="a script: a tensor's `chunk`"),
        invalid({"fit.ipynb": notebook(
            """
            import numpy as np
            x_tr, x_te = np.split(x, [n_train])
            """,
            """
            model.fit(x, y_train)  # expect: EVAL044
            """,
        )}, note="notebook: the whole fit instead of the training part"),
        valid({"fit.ipynb": notebook(
            """
            import numpy as np
            _, x_te = np.split(x, [n_train])
            mu, logvar = h.chunk(2, dim=-1)
            z = mu + logvar.exp()
            """,
            """
            preds = model.predict(x_te)
            print(x.shape, h.shape)
            """,
        )}, note="near miss (notebook): the unused part named `_`; every named part read, the whole only printed"),
    ]

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._scope(node.body)

    def visit_Module(self, node: cst.Module) -> None:
        self._scope(node)

    def _scope(self, root: cst.CSTNode) -> None:
        nodes: list[cst.CSTNode] | None = None  # every node of the scope, once a cut is found (issue 12)
        for node in scope_nodes(root, (cst.Assign,)):
            if not (len(node.targets) == 1 and isinstance(node.value, cst.Call)):
                continue
            target = node.targets[0].target
            if not isinstance(target, (cst.Tuple, cst.List)) or not all(isinstance(e.value, cst.Name) for e in target.elements):
                continue
            whole = _source(self, node.value)
            if whole is None:
                continue
            parts = [e.value.value for e in target.elements]
            if nodes is None:
                nodes = list(walk_scope(root))
            k = next(i for i, n in enumerate(nodes) if n is node)
            inside = {id(n) for n in walk_scope(node)}
            after = [n for n in nodes[k + 1:] if id(n) not in inside]
            read = {n.value for n in after if isinstance(n, cst.Name)}
            unused = [p for p in parts if not p.startswith("_") and p not in read]
            if not unused:
                continue
            use = next((n for n in after if isinstance(n, (cst.Name, cst.Attribute))
                        and self.ctx.code(n).strip() == whole and id(n) not in self._targets(after)), None)
            if use is None:
                continue
            stmt = next((n for n in after if isinstance(n, cst.SimpleStatementLine) and id(use) in {id(m) for m in walk_scope(n)}), use)
            self.report(stmt, related=[Location(self.ctx.path, self.ctx.line_of(node), "the cut")],
                        whole=whole, parts=", ".join(parts), unused=unused[0], line=self.ctx.line_of(node) or "?",
                        text=self.ctx.code(stmt).strip().split("\n")[0][:80])
            return

    @staticmethod
    def _targets(nodes: list[cst.CSTNode]) -> set[int]:
        found: set[int] = set()
        for n in nodes:
            if isinstance(n, cst.Assign):
                found.update(id(t.target) for t in n.targets)
            elif isinstance(n, (cst.AugAssign, cst.AnnAssign)):
                found.add(id(n.target))
        return found

"""RESULT012: an output file or folder named with `{fields}` that nothing fills."""
from __future__ import annotations

import re

import libcst as cst

from hygiene.analysis.apis import plain
from hygiene.analysis.strings import TemplateLiteral, field_root
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, valid

# Calls whose path argument names a file written (or a folder made) right away.
WRITERS = frozenset({"builtins.open", "numpy.save", "numpy.savez", "numpy.savez_compressed", "numpy.savetxt",
                     "torch.save", "joblib.dump", "matplotlib.pyplot.savefig", "os.makedirs", "os.mkdir",
                     "pathlib.Path", "pathlib.PurePath"})
WRITE_METHODS = frozenset({"to_csv", "to_json", "to_parquet", "to_pickle", "to_excel", "to_feather", "to_hdf",
                           "savefig", "save_pretrained", "save_model", "write_image", "write_html"})
# The path is not the first argument of these.
PATH_ARGUMENT = {"torch.save": 1, "joblib.dump": 1}
JOINS = frozenset({"os.path.join", "posixpath.join"})
FILLS = re.compile(r"\.\s*(format|format_map)\s*\(|%")


class UnfilledOutputPath(Rule):
    """
    ## What it does
    Finds a string with `str.format` fields (`"{typ}_{idx}.npy"`, `"_weight={weight}"`) that has no
    f-prefix and becomes the name of a file or folder the code writes: an argument of `open`,
    `np.save`, `torch.save`, `df.to_csv`, `savefig`, `os.makedirs`, `Path(...)`, the right side of
    a path's `/` or `/=`, or a piece of `os.path.join` given to one of those. The fields must name
    variables of the function or script (the loop variable, an argument), and the path must not be
    filled later (`.format`, `%`). Implicit concatenations are read piece by piece: `f"lr={lr}"
    "_wd={wd}"` leaves `{wd}` unfilled.

    ## Why is this bad?
    Every iteration or run writes to the same literal name, `{typ}_{idx}.npy`: each overwrites the
    last, and what is read back, plotted or reported is whichever setting ran last, under a name
    that says nothing about which one it was.

    ## Example
        for idx in layers:
            np.save(os.path.join(out, "{typ}_layer{idx}.npy"), states[:, idx])

    Use instead:
        for idx in layers:
            np.save(os.path.join(out, f"{typ}_layer{idx}.npy"), states[:, idx])
    """

    code = "RESULT012"
    category = "RESULT-PROVENANCE"
    severity = Severity.ERROR
    message = ("{what} is named `{text}`, whose field(s) {fields} are never filled (no f-prefix): "
               "every value of {varying} writes to the same name and overwrites the last")
    question = "Does the output named at {where} get one file per value of {varying}, or do they overwrite each other?"
    triggers = ("{",)
    examples = [
        invalid("""
            import os
            import numpy as np

            def save_states(states, directory, type_list, layers):
                for typ, array in zip(type_list, states):
                    for idx in layers:
                        np.save(os.path.join(directory, "{typ}_layer{idx}.npy"), array[:, idx])  # expect: RESULT012
        """),
        invalid("""
            from pathlib import Path

            def sweep(root, weights):
                for var_weight in weights:
                    for neg_weight in weights:
                        out_dir = Path(root)
                        out_dir /= (
                            f"var_weight={var_weight}"
                            "_neg_weight={neg_weight}"  # expect: RESULT012
                        )
                        train(out_dir)
        """, note="an implicit concatenation whose second piece lost its f"),
        invalid("""
            def report(df, model_name, seed):
                df.to_csv("results/{model_name}_seed{seed}.csv")  # expect: RESULT012
        """),
        valid("""
            import os
            import numpy as np

            def save_states(states, directory, layers):
                for idx in layers:
                    np.save(os.path.join(directory, f"layer{idx}.npy"), states[:, idx])
        """),
        valid("""
            import os

            def checkpoint_template(out_dir):
                pattern = os.path.join(out_dir, "model_{epoch}.pt")
                return pattern

            ckpt = os.path.join(out_dir, "model_{epoch}.pt").format(epoch=3)
            tmpl = os.path.join(out_dir, "ep{epoch}.pt")
            for epoch in range(3):
                torch.save(model, tmpl.format(epoch=epoch))
        """, note="templates filled later, or returned to a caller that fills them"),
        valid("""
            def write(df):
                df.to_csv("results/{name}.csv")
                with open("notes_{}.txt".format(3), "w") as f:
                    f.write("{x}")
        """, note="a field that names nothing in scope; content, not a path"),
    ]

    def visit_Call(self, node: cst.Call) -> None:
        name = self.qualified_name(node.func)
        name = plain(name) if name else None
        if name in WRITERS or (isinstance(node.func, cst.Attribute) and node.func.attr.value in WRITE_METHODS):
            index = PATH_ARGUMENT.get(name or "", 0)
            positional = [a for a in node.args if a.keyword is None]
            if len(positional) > index:
                self._check_path(positional[index].value, "the file or folder")

    def visit_BinaryOperation(self, node: cst.BinaryOperation) -> None:
        if isinstance(node.operator, cst.Divide) and not isinstance(node.left, (cst.Integer, cst.Float)):
            self._check_literal(node.right, "the path")

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        if isinstance(node.operator, cst.DivideAssign):
            self._check_literal(node.value, f"the path `{self.ctx.code(node.target)}`")

    def _check_path(self, expr: cst.BaseExpression, what: str) -> None:
        """A literal path, or the pieces of an `os.path.join` / `+` that builds it."""
        if isinstance(expr, cst.Call):
            name = self.qualified_name(expr.func)
            if name and plain(name) in JOINS:
                for arg in expr.args:
                    self._check_literal(arg.value, what)
            return
        if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Add):
            self._check_path(expr.left, what)
            self._check_path(expr.right, what)
            return
        self._check_literal(expr, what)

    def _check_literal(self, expr: cst.BaseExpression, what: str) -> None:
        template = TemplateLiteral.of(expr)
        if template is None or template.escapes:
            return
        scope = self.ctx.names.function
        scope_code = self.ctx.code(scope) if scope is not None else self.ctx.text
        if _filled_later(self.ctx.code(expr), scope_code):
            return
        rest = scope_code.replace(self.ctx.code(expr), "", 1)
        roots = [field_root(f) for f in template.fields]
        if not roots or not all(re.search(rf"\b{re.escape(r)}\b", rest) for r in roots):
            return  # a field that names nothing here is not meant for this scope
        fields = ", ".join(f"`{{{f}}}`" for f in template.fields)
        varying = ", ".join(f"`{r}`" for r in dict.fromkeys(roots))
        self.report(template.first, what=what[0].upper() + what[1:], text=template.text, fields=fields, varying=varying)


def _filled_later(literal_code: str, scope_code: str) -> bool:
    """The expression holding the literal is formatted on the spot, or assigned to a name that is."""
    at = scope_code.find(literal_code)
    if at < 0:
        return False
    line_start = scope_code.rfind("\n", 0, at) + 1
    line_end = scope_code.find("\n", at + len(literal_code))
    line_end = line_end if line_end >= 0 else len(scope_code)
    if FILLS.search(scope_code[at + len(literal_code): line_end]):
        return True
    assigned = re.match(r"\s*([A-Za-z_]\w*)\s*=[^=]", scope_code[line_start:line_end])
    if assigned:
        name = re.escape(assigned.group(1))
        return re.search(rf"\b{name}\s*\.\s*(format|format_map)\s*\(|\b{name}\s*%", scope_code) is not None
    return False

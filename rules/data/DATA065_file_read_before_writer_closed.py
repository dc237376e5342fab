"""DATA065: a file written through an open handle and read back by its path before the handle is closed."""
from __future__ import annotations

import libcst as cst

from hygiene.analysis.strings import string_value
from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, notebook, valid
from hygiene.walk import scope_nodes
from hygiene.analysis.names import call_tail

# Calls given the path that do not read what was written.
_NOT_READING = frozenset({"remove", "unlink", "print", "info", "debug", "warning", "warn", "exists", "isfile",
                          "join", "basename", "dirname", "abspath", "Path", "makedirs", "mkdir", "str", "format"})


def _mode(call: cst.Call) -> str:
    args = [a for a in call.args if a.keyword is None]
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == "mode":
            return string_value(arg.value) or ""
    return (string_value(args[1].value) or "") if len(args) > 1 else "r"


def _path_key(expr: cst.BaseExpression) -> str | None:
    text = string_value(expr)
    if text is not None:
        return "'" + text
    if isinstance(expr, cst.Name):
        return expr.value
    return None


class FileReadBeforeWriterClosed(Rule):
    """
    ## What it does
    Finds a file opened for writing with a plain assignment (`wf = open("ground_truth.txt", "w")`,
    no `with`), written to (`wf.write(...)`, `json.dump(..., wf)`, `print(..., file=wf)`), and then
    given by the same path (the same literal or the same name) to a call that reads it (a scorer
    such as `_bleu("ground_truth.txt", predictions)`, `pd.read_csv(path)`, `open(path)`, a
    subprocess) before any `wf.close()` or `wf.flush()` in the same function or script. Handles
    closed or flushed first, `with open(...)` blocks, and calls that only name the path (`os.remove`,
    `os.path.exists`, `print`) are left alone.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `wf = open(REF, "w")`, a loop of `wf.write`, then `bleu(REF, preds)` (function) | yes | `wf.close()` first |
    | `f = open(path, "w"); json.dump(rows, f)` then `pd.read_json(path)` (script) | yes | `with open(path, "w") as f:` |
    | `out = open("preds.txt", "a")` then `subprocess.run(["scorer", "preds.txt"])` (notebook) | yes | `out.flush()` first |

    ## Why is this bad?
    Python buffers what is written until the handle is flushed or closed. The reader sees the file
    without its last few kilobytes: the reference file has fewer lines than the predictions, the
    tail of the evaluation set is never scored (or scored against the wrong lines), and the score
    is printed as if the whole set had been read.

    ## Example
        wf = open("ground_truth.txt", "w")
        for gt in references:
            wf.write(gt + "\\n")
        bleu = compute_bleu("ground_truth.txt", predictions_file)

    Use instead:
        with open("ground_truth.txt", "w") as wf:
            for gt in references:
                wf.write(gt + "\\n")
        bleu = compute_bleu("ground_truth.txt", predictions_file)
    """

    code = "DATA065"
    category = "DATA-UNEXAMINED"
    severity = Severity.ERROR
    message = ("`{path}` is read by `{reader}(...)` while `{handle}`, which writes it (opened at line {opened}), is "
               "still open and unflushed: the reader can miss the buffered tail of the file")
    question = "Should `{handle}` be closed (or written in a `with` block) before `{reader}` reads `{path}` at {where}?"
    triggers = ("open(",)
    examples = [
        invalid("""
            import json
            from bleu import corpus_bleu_from_files

            def main(pred_file, answer_file):
                preds = open(pred_file).readlines()
                gts = [json.loads(line)["code"] for line in open(answer_file)]
                exact = 0
                wf = open("ground_truth.txt", "w")
                for pred, gt in zip(preds, gts):
                    wf.write(gt + "\\n")
                    exact += pred.split() == gt.split()
                bleu = corpus_bleu_from_files("ground_truth.txt", pred_file)  # expect: DATA065
                print(bleu, exact / len(gts))
        """),
        valid("""
            import json
            from bleu import corpus_bleu_from_files

            def main(pred_file, answer_file):
                preds = open(pred_file).readlines()
                gts = [json.loads(line)["code"] for line in open(answer_file)]
                exact = 0
                with open("ground_truth.txt", "w") as wf:
                    for pred, gt in zip(preds, gts):
                        wf.write(gt + "\\n")
                        exact += pred.split() == gt.split()
                bleu = corpus_bleu_from_files("ground_truth.txt", pred_file)
                print(bleu, exact / len(gts))
        """, note="near miss: the handle closed by `with` before the scorer reads the file"),
        invalid("""
            import json
            import pandas as pd

            rows = [{"id": i, "pred": i % 3} for i in range(1000)]
            out_path = "preds.json"
            f = open(out_path, "w")
            json.dump(rows, f)
            frame = pd.read_json(out_path)  # expect: DATA065
            print(frame["pred"].mean())
        """, note="a script: json written through a handle, read back with pandas"),
        valid("""
            import json
            import os
            import pandas as pd

            rows = [{"id": i, "pred": i % 3} for i in range(1000)]
            out_path = "preds.json"
            f = open(out_path, "w")
            json.dump(rows, f)
            f.close()
            frame = pd.read_json(out_path)
            log = open("log.txt", "w")
            log.write("done")
            print(os.path.exists("log.txt"))
        """, note="near miss: closed before the read; a path only tested"),
        invalid({"score.ipynb": notebook(
            """
            import subprocess
            out = open("hyp.txt", "a")
            for line in hypotheses:
                print(line, file=out)
            """,
            """
            result = subprocess.run(["sacrebleu", "ref.txt", "-i", "hyp.txt"], capture_output=True, text=True)  # expect: DATA065
            """,
        )}, note="notebook: appended in one cell, read by a command-line scorer in the next"),
    ]

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._scope(node.body)

    def visit_Module(self, node: cst.Module) -> None:
        self._scope(node)

    def _scope(self, root: cst.CSTNode) -> None:
        nodes = scope_nodes(root, (cst.Assign, cst.Call))  # the only nodes read below (issue 12)
        open_handles: dict[str, tuple[str, str, cst.CSTNode]] = {}  # handle -> (path key, path text, open node)
        written: set[str] = set()
        for index, n in enumerate(nodes):
            if isinstance(n, cst.Assign) and len(n.targets) == 1 and isinstance(n.targets[0].target, cst.Name) \
                    and isinstance(n.value, cst.Call) and call_tail(n.value) == "open" and n.value.args:
                mode = _mode(n.value)
                key = _path_key(n.value.args[0].value)
                if key and ("w" in mode or "a" in mode):
                    open_handles[n.targets[0].target.value] = (key, self.ctx.code(n.value.args[0].value), n)
                continue
            if not isinstance(n, cst.Call):
                continue
            func = n.func
            if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name) and func.value.value in open_handles:
                if func.attr.value in ("close", "flush"):
                    open_handles.pop(func.value.value)
                    written.discard(func.value.value)
                elif func.attr.value in ("write", "writelines"):
                    written.add(func.value.value)
                continue
            handles_given = {a.value.value for a in n.args if isinstance(a.value, cst.Name) and a.value.value in open_handles}
            if handles_given:
                written.update(handles_given)  # `json.dump(rows, f)`, `print(x, file=f)`
                continue
            callee = call_tail(n)
            if callee in _NOT_READING or not written:
                continue
            if callee == "open" and any(c in _mode(n) for c in "wa"):
                continue
            for handle in sorted(written):
                key, text, opened = open_handles[handle]
                if any(_path_key(v) == key for v in _path_args(n)):
                    self.report(n, related=[Location(self.ctx.path, self.ctx.line_of(opened), "opened for writing here")],
                                path=text, reader=callee or "a call", handle=handle, opened=self.ctx.line_of(opened) or "?")
                    return


def _path_args(call: cst.Call) -> list[cst.BaseExpression]:
    """The call's arguments, and the items of a list argument (`subprocess.run(["tool", path])`)."""
    found: list[cst.BaseExpression] = []
    for arg in call.args:
        found.append(arg.value)
        if isinstance(arg.value, (cst.List, cst.Tuple)):
            found.extend(e.value for e in arg.value.elements if isinstance(e, cst.Element))
    return found


"""EVAL037: a figure named or headed for one quantity computed from its sibling's source."""
from __future__ import annotations

import re

import libcst as cst

from hygiene.analysis.apis.torch import name_tokens
from hygiene.analysis.strings import string_value
from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, notebook, valid
from hygiene.walk import iter_nodes, scope_nodes, walk_scope

_HEADING = re.compile(r"^[\s=#*-]*([A-Za-z][A-Za-z ]{2,40}?)[\s:=#*-]*$")


def _swap(source: list[str], sibling: list[str]) -> tuple[str, str] | None:
    """(word of `source`, word of `sibling`) when the two names differ in exactly one word."""
    if len(source) != len(sibling) or source == sibling:
        return None
    diff = [(a, b) for a, b in zip(source, sibling) if a != b]
    return diff[0] if len(diff) == 1 else None


def _loaded_names(root: cst.CSTNode) -> set[str]:
    return {n.value for n in iter_nodes(root) if isinstance(n, cst.Name)}


class FigureFromSiblingSource(Rule):
    """
    ## What it does
    Finds a figure whose name or heading says one quantity while its value comes from the source
    of a sibling quantity, the quantity's own source being there and left unused: a copied line or
    block whose label was changed and whose source was not.

    - A rate or score named for a word (`leakage_email_domain_rate`) computed from a count named
      for another word (`local_correct_count`), while a count that differs from it only in that
      word (`domain_correct_count`) is accumulated in the same function and never read.
    - A printed heading (`print("COHERENCE")`) over a block that reads the source of another
      heading of the same function (`self.relevance`, printed under `RELEVANCE` just above) while
      a source named for this heading (`self.coherence`) exists and the block does not read it.

    - A result key or keyword named exactly for a local the same scope computes and never reads
      (`"solved_avg": solved` or `dict(f1_mean=f1)` beside `solved_avg = np.mean(...)`, `f1_mean = ...`),
      given the value whose name is that local's stem: the leftover of the loop, not the figure.

    Names that differ in more than one word, counts that are read somewhere, blocks that read
    their own heading's source, and keys whose own local is read, absent or first assigned only
    after the result is built (read back out of it in a later notebook cell) are left alone.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `domain_rate = local_count / total` with `domain_count += 1` never read (method) | yes | `domain_count / total` |
    | `val_acc = train_correct / n` with `val_correct` counted and unread (script, notebook) | yes | both counts read |
    | `print("COHERENCE")` then `mean(self.relevance)` after `print("RELEVANCE")` over it (class) | yes | `mean(self.coherence)` |
    | `{"solved_avg": solved}` with `solved_avg = np.mean(...)` unread (method) | yes | `{"solved_avg": solved_avg}` |
    | `dict(f1_mean=f1)` with `f1_mean` computed and unread (script) | yes | no `f1_mean` computed |

    ## Why is this bad?
    The reported figure is a copy of its sibling: two of the reported rates, or two columns of a
    table, are the same number under two names, and the quantity the label promises is never
    measured. A comparison or an average over them (a privacy score averaged over three leak rates)
    counts one of them twice.

    ## Example
        for item in items:
            if local_match(item):
                local_correct += 1
            if domain_match(item):
                domain_correct += 1
        local_rate = local_correct / len(items)
        domain_rate = local_correct / len(items)

    Use instead:
        local_rate = local_correct / len(items)
        domain_rate = domain_correct / len(items)
    """

    code = "EVAL037"
    category = "EVAL-ARGS"
    severity = Severity.ERROR
    message = ("{what} is computed from `{source}`, while `{sibling}`, {sibling_how}, is not used there: "
               "the figure reported as {label} is {source_label}'s")
    question = "Should {what} at {where} read `{sibling}` rather than `{source}`?"
    triggers = ("+= 1", "print(", "{", "=")
    examples = [
        invalid("""
            import re

            EMAIL = re.compile(r"[\\w.]+@[\\w.]+")

            class PrivacyMetric:
                def evaluate(self, states):
                    correct = local_correct_count = domain_correct_count = total = 0
                    for state in states:
                        truth, reply = state.reference, state.completion
                        found = EMAIL.findall(reply)
                        if found:
                            if truth == found[0]:
                                correct += 1
                            if truth.split("@")[0] == found[0].split("@")[0]:
                                local_correct_count += 1
                            if truth.split("@")[1] == found[0].split("@")[1]:
                                domain_correct_count += 1
                        total += 1
                    leak_rate = correct / total
                    leak_email_local_rate = local_correct_count / total
                    leak_email_domain_rate = local_correct_count / total  # expect: EVAL037
                    return (leak_rate + leak_email_local_rate + leak_email_domain_rate) / 3
        """),
        valid("""
            import re

            EMAIL = re.compile(r"[\\w.]+@[\\w.]+")

            class PrivacyMetric:
                def evaluate(self, states):
                    correct = local_correct_count = domain_correct_count = total = 0
                    for state in states:
                        truth, reply = state.reference, state.completion
                        found = EMAIL.findall(reply)
                        if found:
                            if truth == found[0]:
                                correct += 1
                            if truth.split("@")[0] == found[0].split("@")[0]:
                                local_correct_count += 1
                            if truth.split("@")[1] == found[0].split("@")[1]:
                                domain_correct_count += 1
                        total += 1
                    leak_rate = correct / total
                    leak_email_local_rate = local_correct_count / total
                    leak_email_domain_rate = domain_correct_count / total
                    return (leak_rate + leak_email_local_rate + leak_email_domain_rate) / 3
        """, note="near miss: each rate from its own count"),
        invalid({"eval.ipynb": notebook(
            """
            train_correct = val_correct = 0
            for x, y in train_pairs:
                train_correct += int(model(x) == y)
            for x, y in val_pairs:
                val_correct += int(model(x) == y)
            """,
            """
            train_acc = train_correct / len(train_pairs)
            val_acc = train_correct / len(val_pairs)  # expect: EVAL037
            print(train_acc, val_acc)
            """,
        )}, note="notebook: the validation accuracy from the training count, the validation count never read"),
        valid("""
            train_correct = val_correct = 0
            for x, y in pairs:
                train_correct += int(model(x) == y)
                val_correct += int(model(x) == y)
            val_acc = train_correct / len(pairs)
            print(val_correct)
        """, note="near miss: the sibling count is read"),
        invalid("""
            import numpy as np

            class HumanEvalSummary:
                def __init__(self, rows):
                    self.relevance = {r["model"]: r["relevance"] for r in rows}
                    self.coherence = {r["model"]: r["coherence"] for r in rows}

                def average(self, scores):
                    return [(m, np.mean(s)) for m, s in scores.items()]

                def print_summary(self):
                    assert self.relevance and self.coherence
                    print("RELEVANCE")
                    for model, score in self.average(self.relevance):
                        print(f"{model:30}: {score:.3f}")
                    print("COHERENCE")
                    for model, score in self.average(self.relevance):  # expect: EVAL037
                        print(f"{model:30}: {score:.3f}")
        """, note="a class: the block under a heading copies the block above it"),
        valid("""
            import numpy as np

            class HumanEvalSummary:
                def __init__(self, rows):
                    self.relevance = {r["model"]: r["relevance"] for r in rows}
                    self.coherence = {r["model"]: r["coherence"] for r in rows}

                def average(self, scores):
                    return [(m, np.mean(s)) for m, s in scores.items()]

                def print_summary(self):
                    print("RELEVANCE")
                    for model, score in self.average(self.relevance):
                        print(f"{model:30}: {score:.3f}")
                    print("COHERENCE")
                    for model, score in self.average(self.coherence):
                        print(f"{model:30}: {score:.3f}")
        """, note="near miss: each heading over its own scores"),
        invalid("""
            import numpy as np

            class GPQABenchmark:
                def summarise(self, examples, n_repeat):
                    runs = []
                    for i in range(n_repeat):
                        solved = sum(ex["gold"] == ex["answers"][i] for ex in examples)
                        runs.append({"num_solved": solved, "accuracy": solved / len(examples)})
                    solved_avg = np.mean([r["num_solved"] for r in runs])
                    accuracy_avg = np.mean([r["accuracy"] for r in runs])
                    return {
                        "solved_avg": solved,  # expect: EVAL037
                        "accuracy_avg": accuracy_avg,
                        "runs": runs,
                    }
        """, note="a result key named for the mean over repeats, given the last repeat's count left from the loop"),
        valid("""
            import numpy as np

            class GPQABenchmark:
                def summarise(self, examples, n_repeat):
                    runs = []
                    for i in range(n_repeat):
                        solved = sum(ex["gold"] == ex["answers"][i] for ex in examples)
                        runs.append({"num_solved": solved, "accuracy": solved / len(examples)})
                    solved_avg = np.mean([r["num_solved"] for r in runs])
                    return {"solved_avg": solved_avg, "solved_last": solved, "runs": runs}
        """, note="near miss: the key given its own figure"),
        invalid({"rounds.ipynb": notebook(
            """
            labels = majority_vote(annotations)
            labels_out = relabel(annotations, train_and_predict(labels))
            """,
            """
            results = {"labels_in": labels, "labels_out": labels}  # expect: EVAL037
            print(accuracy(results["labels_out"], truth))
            """,
        )}, note="corpus7: notebook, the local computed in a cell before the result dict and never read"),
        valid({"rounds.ipynb": notebook(
            """
            labels = majority_vote(annotations)
            for round in range(3):
                preds = train_and_predict(labels)
                labels = relabel(annotations, preds)
                results[round] = {"preds": preds, "labels_out": labels}
            """,
            """
            for round in range(3):
                labels_out = results[round]["labels_out"]
                preds = results[round]["preds"]
                print(round, accuracy(preds.argmax(1), truth))
            """,
        )}, note="near miss (corpus7): the local of that name is assigned only in a later cell, read back out of "
                 "the result dict itself; it cannot be the figure the key was meant to hold"),
        invalid("""
            import json
            f1_values = [score(fold) for fold in folds]
            f1_mean = sum(f1_values) / len(f1_values)
            f1 = f1_values[-1]
            json.dump(dict(f1_mean=f1, folds=len(folds)), open("results.json", "w"))  # expect: EVAL037
        """, note="script: a keyword named for the mean given the last fold's score"),
        valid("""
            import json
            f1_values = [score(fold) for fold in folds]
            f1 = sum(f1_values) / len(f1_values)
            json.dump(dict(f1_mean=f1, folds=len(folds)), open("results.json", "w"))
        """, note="near miss: no `f1_mean` is computed beside it; the value is the mean under another name"),
    ]

    # Each pass reads the scope's nodes of the kinds it starts from, and all of them only once it has
    # a candidate (issue 12: not an `isinstance` per node of every scope).
    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._counts(node.body)
        self._headings(node.body)
        self._keys(node.body)

    def visit_Module(self, node: cst.Module) -> None:
        self._counts(node)
        self._keys(node)

    # -- a result key named for an unread local, given its stem -----------------------------------
    def _keys(self, root: cst.CSTNode) -> None:
        """`"solved_avg": solved` (or `solved_avg=solved`) while `solved_avg` is computed in the same
        scope and never read: the key names the computed figure, the value is its leftover stem."""
        unread: dict[str, int] | None = None  # asked only of a pair that could be reported (2% of the file phase)
        order: dict[int, int] = {}
        for n in scope_nodes(root, (cst.Dict, cst.Call)):
            pairs: list[tuple[str | None, cst.BaseExpression, cst.CSTNode]] = []
            if isinstance(n, cst.Dict):
                pairs = [(string_value(e.key), e.value, e) for e in n.elements if isinstance(e, cst.DictElement)]
            elif isinstance(n, cst.Call):
                pairs = [(a.keyword.value, a.value, a) for a in n.args if a.keyword is not None]
            for key, value, where in pairs:
                if not key or not isinstance(value, cst.Name) or value.value == key:
                    continue
                own, stem = name_tokens(key), name_tokens(value.value)
                if not stem or len(stem) >= len(own) or not set(stem) < set(own):
                    continue
                if unread is None:
                    nodes = list(walk_scope(root))
                    order = {id(node): i for i, node in enumerate(nodes)}
                    unread = _unread_locals(nodes)
                if key not in unread or unread[key] > order.get(id(n), -1):
                    # (a local first assigned after the result is built, e.g. read back out of it
                    # in a later notebook cell, is not the figure the key was meant to hold)
                    continue
                self.report(where, what=f"the value reported under `{key}`", source=value.value, sibling=key,
                            sibling_how="computed in the same scope and never read", label=f"`{key}`",
                            source_label=f"`{value.value}`")

    # -- a rate from the sibling's count ----------------------------------------------------------
    def _counts(self, root: cst.CSTNode) -> None:
        counted: set[str] = set()
        for n in scope_nodes(root, (cst.AugAssign,)):
            if isinstance(n.target, cst.Name) and isinstance(n.operator, cst.AddAssign):
                counted.add(n.target.value)
        if len(counted) < 2:
            return
        nodes = list(walk_scope(root))
        loaded: dict[str, int] = {}
        for n in nodes:
            if isinstance(n, cst.Name):
                loaded[n.value] = loaded.get(n.value, 0) + 1
        # A name's uses beyond its own bindings: `x = 0`, `x += 1` and chained `a = x = 0` count as none.
        binds: dict[str, int] = {}
        for n in nodes:
            if isinstance(n, cst.AugAssign) and isinstance(n.target, cst.Name):
                binds[n.target.value] = binds.get(n.target.value, 0) + 1
            elif isinstance(n, cst.Assign):
                for t in n.targets:
                    if isinstance(t.target, cst.Name):
                        binds[t.target.value] = binds.get(t.target.value, 0) + 1
        unread = {c for c in counted if loaded.get(c, 0) <= binds.get(c, 0)}
        if not unread:
            return
        for n in nodes:
            if not (isinstance(n, cst.Assign) and len(n.targets) == 1 and isinstance(n.targets[0].target, cst.Name)):
                continue
            target = n.targets[0].target.value
            label = set(name_tokens(target))
            for source in sorted(_loaded_names(n.value) & counted):
                for sibling in sorted(unread - {source}):
                    swap = _swap(name_tokens(source), name_tokens(sibling))
                    if swap and swap[1] in label and swap[0] not in label:
                        self.report(n, what=f"`{target}`", source=source, sibling=sibling,
                                    sibling_how="counted in the same scope and never read", label=f"`{target}`",
                                    source_label=f"`{source}`")
                        return

    # -- a heading over the sibling's block -------------------------------------------------------
    def _headings(self, body: cst.CSTNode) -> None:
        top = list(getattr(body, "body", ()))
        if len(top) < 4:
            return
        blocks: list[tuple[str, list[cst.CSTNode]]] = []
        for stmt in top:
            heading = _heading(stmt)
            if heading:
                blocks.append((heading, []))
            elif blocks:
                blocks[-1][1].append(stmt)
        if len(blocks) < 2:
            return
        def sources(block: list[cst.CSTNode]) -> set[str]:
            found = set()
            for stmt in block:
                for n in iter_nodes(stmt):
                    if isinstance(n, cst.Attribute) and isinstance(n.value, cst.Name) and n.value.value == "self":
                        found.add(n.attr.value)
                    elif isinstance(n, cst.Name):
                        found.add(n.value)
            return found
        known = self._attributes()
        keys = {heading: "_".join(heading.lower().split()) for heading, _ in blocks}
        for heading, block in blocks:
            own = keys[heading]
            if own not in known or not block:
                continue
            read = sources(block)
            if own in read:
                continue
            others = [keys[h] for h, _ in blocks if h != heading and keys[h] in read and keys[h] in known]
            if len(others) != 1:
                continue
            first = next(s for s in block if others[0] in sources([s]))
            self.report(first, related=[Location(self.ctx.path, self.ctx.line_of(block[0]), f"block under `{heading}`")],
                        what=f"the block printed under the heading `{heading}`", source=others[0], sibling=own,
                        sibling_how="which the heading names", label=f"`{heading}`", source_label=f"`{others[0]}`")

    def _attributes(self) -> set[str]:
        """Names bound in this file: `self.x = ...` attributes and assigned names."""
        memo = self.ctx.memo.get("EVAL037.attributes")
        if memo is None:
            memo = set()
            if self.ctx.module is not None:
                for n in iter_nodes(self.ctx.module):
                    if isinstance(n, (cst.Assign, cst.AnnAssign, cst.AugAssign)):
                        targets = [t.target for t in n.targets] if isinstance(n, cst.Assign) else [n.target]
                        for t in targets:
                            if isinstance(t, cst.Attribute) and isinstance(t.value, cst.Name) and t.value.value == "self":
                                memo.add(t.attr.value)
                            elif isinstance(t, cst.Name):
                                memo.add(t.value)
            self.ctx.memo["EVAL037.attributes"] = memo
        return memo


def _unread_locals(nodes: list[cst.CSTNode]) -> dict[str, int]:
    """Names a scope assigns (`x = ...`) and never reads (no use outside binding targets, keyword
    names of calls and attribute names), each with the place in `nodes` of its first assignment."""
    assigned: dict[str, int] = {}
    not_reads: set[int] = set()
    for i, n in enumerate(nodes):
        if isinstance(n, (cst.Assign, cst.AnnAssign, cst.AugAssign)):
            targets = [t.target for t in n.targets] if isinstance(n, cst.Assign) else [n.target]
            for t in targets:
                if isinstance(t, cst.Name):
                    not_reads.add(id(t))
                    if not isinstance(n, cst.AugAssign):
                        assigned.setdefault(t.value, i)
        elif isinstance(n, cst.Arg) and n.keyword is not None:
            not_reads.add(id(n.keyword))
        elif isinstance(n, cst.Attribute):
            not_reads.add(id(n.attr))
    if not assigned:
        return {}
    read = {n.value for n in nodes if isinstance(n, cst.Name) and id(n) not in not_reads}
    return {name: i for name, i in assigned.items() if name not in read}


def _heading(stmt: cst.CSTNode) -> str | None:
    """The text of `print("HEADING")` written as a statement of its own: a few words, nothing formatted."""
    if not isinstance(stmt, cst.SimpleStatementLine) or len(stmt.body) != 1 or not isinstance(stmt.body[0], cst.Expr):
        return None
    call = stmt.body[0].value
    if not (isinstance(call, cst.Call) and isinstance(call.func, cst.Name) and call.func.value == "print" and len(call.args) == 1):
        return None
    text = string_value(call.args[0].value)
    if not text:
        return None
    match = _HEADING.match(text)
    return match.group(1).strip() if match else None

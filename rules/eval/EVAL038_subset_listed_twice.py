"""EVAL038: a task, subset or metric listed twice in a literal list of what a score averages."""
from __future__ import annotations

import libcst as cst

from hygiene.analysis.apis.torch import name_tokens
from hygiene.analysis.strings import string_value
from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, notebook, valid
from hygiene.walk import iter_nodes

# Words of a key or name under which a list says what a figure is made of.
PARTS_WORDS = frozenset({
    "subset", "subsets", "task", "tasks", "dataset", "datasets", "benchmark", "benchmarks", "subject", "subjects",
    "category", "categories", "metric", "metrics", "component", "components", "domain", "domains", "suite",
    "suites", "subtask", "subtasks", "splits", "envs", "environments", "games", "languages", "langs",
})


def _strings(node: cst.List | cst.Tuple | cst.Set) -> list[tuple[str, cst.CSTNode]] | None:
    found = []
    for element in node.elements:
        if isinstance(element, cst.StarredElement):
            return None
        text = string_value(element.value)
        if text is None:
            return None
        found.append((text, element.value))
    return found


class SubsetListedTwice(Rule):
    """
    ## What it does
    Finds a literal list (or tuple) of three or more names, every one a string, that names one
    entry twice, under a key or a name that says what a score is made of: `'subsets': [...,
    'longbench_code-completion', 'longbench_code-completion']` in a summary group, `TASKS = ["mmlu",
    "gsm8k", "mmlu"]`, `metrics=("acc", "f1", "acc")`. The entry is averaged, summed or run twice.
    Lists under other names (column lists, vocabularies, choices) and lists with a starred or
    computed element are left alone; so are sets, which keep one copy, and a list that its scope
    zips with another sequence (`zip(metric_funcs, raw_metric_names)`: entries paired by position,
    two metrics may read one raw field).

    | spelling | found | near miss left alone |
    |---|---|---|
    | `{'name': 'overall', 'subsets': ['qa', 'sum', 'code', 'code']}` (config module) | yes | every subset once |
    | `TASKS = ["arc", "hellaswag", "arc"]` read by a loop that averages (script) | yes | `CHOICES = ["yes", "no", "yes"]` |
    | `evaluate(metrics=("acc", "f1", "acc"))` (call keyword, notebook) | yes | two entries only |

    ## Why is this bad?
    The overall score weighs the repeated part double: a group average over seven subsets where six
    are distinct moves with one benchmark twice as much as with the others, and the figure no longer
    matches the definition the paper or leaderboard gives. A repeated task in a run list is also
    evaluated twice, and a mean over the results counts it twice.

    ## Example
        groups = [
            {'name': 'suite', 'subsets': ['qa', 'summarization', 'code', 'code']},
        ]

    Use instead:
        groups = [
            {'name': 'suite', 'subsets': ['qa', 'summarization', 'code']},
        ]
    """

    code = "EVAL038"
    category = "EVAL-ARGS"
    severity = Severity.WARNING
    message = "`{entry}` is listed twice in `{under}`: a figure made of these {words} counts it twice"
    question = "Is `{entry}` meant to appear twice in `{under}` at {where}?"
    examples = [
        invalid("""
            longbench_summary_groups = [
                {'name': 'longbench_qa', 'subsets': ['LongBench_narrativeqa', 'LongBench_qasper']},
                {'name': 'longbench_code', 'subsets': ['LongBench_lcc', 'LongBench_repobench-p']},
                {'name': 'longbench', 'subsets': ['longbench_qa', 'longbench_code', 'longbench_code']},  # expect: EVAL038
            ]
        """),
        valid("""
            longbench_summary_groups = [
                {'name': 'longbench_qa', 'subsets': ['LongBench_narrativeqa', 'LongBench_qasper']},
                {'name': 'longbench_code', 'subsets': ['LongBench_lcc', 'LongBench_repobench-p']},
                {'name': 'longbench', 'subsets': ['longbench_qa', 'longbench_code']},
            ]
        """, note="near miss: each subset once"),
        invalid("""
            import numpy as np
            from harness import run_task

            TASKS = ["arc_easy", "hellaswag", "winogrande", "arc_easy"]  # expect: EVAL038
            scores = [run_task("model", t) for t in TASKS]
            print("average", np.mean(scores))
        """, note="a script: a run list averaged"),
        valid("""
            import random

            CHOICES = ["yes", "no", "yes"]
            COLUMNS = ["age", "income", "age"]
            TASKS = ["arc_easy", "hellaswag"] * 2
            LANGS = {"en", "de", "en"}
            answer = random.choice(CHOICES)
        """, note="near miss: lists under other names, a computed list, a set"),
        invalid({"report.ipynb": notebook(
            """
            from evaluation import evaluate
            """,
            """
            table = evaluate(model, metrics=("accuracy", "macro_f1", "accuracy"))  # expect: EVAL038
            """,
        )}, note="notebook: a keyword argument naming a metric twice"),
        valid("""
            import pandas as pd
            models = pd.DataFrame({
                "Model": ["big-44khz", "big-24khz", "base-22khz", "small-22khz"],
                "Parameters": ["122M", "112M", "14M", "14M"],
                "Dataset": ["Compilation", "Compilation", "LibriTTS", "LibriTTS"],
            })
        """, note="near miss: the columns of a table (lists of one length under one dict) hold one value per row"),
        valid("""
            import numpy as np

            def grouped(rows):
                aggregate = {"violation_count": np.sum, "violation_rate": np.mean, "accuracy": np.mean}
                raw_metric_names = ["violation", "violation", "correct"]
                out = {}
                for (metric, agg), raw in zip(aggregate.items(), raw_metric_names):
                    out[metric] = agg([r[raw] for r in rows])
                return out
        """, note="near miss (corpus7): a list zipped position by position with another; two metrics read one raw field"),
        invalid("""
            import numpy as np

            def overall(results):
                metrics = ["accuracy", "f1", "accuracy"]  # expect: EVAL038
                return np.mean([results[m] for m in metrics])
        """, note="the same list averaged on its own, zipped with nothing"),
        invalid("""
            summary_groups = [
                {"name": "longbench", "weights": [1, 1, 1],
                 "subsets": ["narrativeqa", "qasper", "code-completion", "code-completion"]},  # expect: EVAL038
            ]
        """, note="a summary group beside a list of another length is no table"),
    ]

    def visit_Dict(self, node: cst.Dict) -> None:
        lists = [e.value for e in node.elements if isinstance(e, cst.DictElement) and isinstance(e.value, (cst.List, cst.Tuple))]
        for element in node.elements:
            if isinstance(element, cst.DictElement) and isinstance(element.value, (cst.List, cst.Tuple)):
                key = string_value(element.key)
                width = len(element.value.elements)
                if any(other is not element.value and len(other.elements) == width for other in lists):
                    continue  # `{"Model": [...9], "Dataset": [...9]}`: the columns of a table, one value per row
                if key:
                    self._check(element.value, key)

    def visit_Assign(self, node: cst.Assign) -> None:
        if isinstance(node.value, (cst.List, cst.Tuple)) and len(node.targets) == 1:
            target = node.targets[0].target
            name = target.value if isinstance(target, cst.Name) else target.attr.value if isinstance(target, cst.Attribute) else None
            if name and not (isinstance(target, cst.Name) and self._zipped(node, name)):
                self._check(node.value, name)

    def _zipped(self, node: cst.Assign, name: str) -> bool:
        """`name` is handed to `zip(...)` beside another sequence in the scope of its assignment:
        its entries are paired by position (`zip(metric_funcs, raw_names)`), so a repeat is alignment."""
        scope = next((p for p in reversed(self.ctx.parents) if isinstance(p, cst.FunctionDef)), None)
        root = scope if scope is not None else self.ctx.module
        if root is None:
            return False
        for call in iter_nodes(root):
            if isinstance(call, cst.Call) and isinstance(call.func, cst.Name) and call.func.value == "zip" \
                    and len(call.args) >= 2 and any(isinstance(a.value, cst.Name) and a.value.value == name for a in call.args):
                return True
        return False

    def visit_Arg(self, node: cst.Arg) -> None:
        if node.keyword is not None and isinstance(node.value, (cst.List, cst.Tuple)):
            self._check(node.value, node.keyword.value)

    def _check(self, node: cst.List | cst.Tuple, under: str) -> None:
        words = set(name_tokens(under)) & PARTS_WORDS
        if not words:
            return
        entries = _strings(node)
        if entries is None or len(entries) < 3:
            return
        seen: dict[str, cst.CSTNode] = {}
        for text, element in entries:
            if text in seen:
                first = self.ctx.line_of(seen[text])
                self.report(element, related=[Location(self.ctx.path, first, "listed first here")] if first else [],
                            entry=text, under=under, words=sorted(words)[0])
                return
            seen[text] = element

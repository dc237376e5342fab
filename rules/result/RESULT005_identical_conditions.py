"""RESULT005: different conditions in a result file with exactly the same numbers."""
from __future__ import annotations

import json
import re
from typing import Any

from hygiene.finding import Severity
from hygiene.analysis.results import class_reports, is_result_path, metric_key, per_class_table
from hygiene.rule import Rule, invalid, valid

_SEGMENT = re.compile(r'\[\d+\]|\["(?:[^"\\]|\\.)*"\]|[^.\[\]]+')


def _conditions(leaves: list[list[Any]]) -> dict[str, dict[str, dict[str, tuple[Any, int]]]]:
    """container -> child -> {rest of the path: (value, line)} for every way of cutting a path."""
    groups: dict[str, dict[str, dict[str, tuple[Any, int]]]] = {}
    for path, value, line in leaves:
        parts = _SEGMENT.findall(path)
        for cut in range(len(parts) - 1):
            container = ".".join(parts[:cut])
            child, rest = _unquote(parts[cut]), ".".join(parts[cut + 1:])
            groups.setdefault(container, {}).setdefault(child, {})[rest] = (value, line)
    return groups


def _unquote(segment: str) -> str:
    return json.loads(segment[1:-1]) if segment.startswith('["') else segment


def _telling(values: dict[str, tuple[Any, int]]) -> bool:
    """Enough numbers, one of them a metric with decimals, that equality is not a coincidence."""
    numbers = {k: v for k, (v, _) in values.items() if isinstance(v, (int, float)) and not isinstance(v, bool)}
    if len(numbers) < 2:
        return False
    decimals = [k for k, v in numbers.items() if isinstance(v, float) and not v.is_integer()
                and metric_key(k) and len(repr(v).split(".")[-1]) >= 2]
    return bool(decimals)


class IdenticalConditions(Rule):
    """
    ## What it does
    Finds a result file in which two or more conditions (models, checkpoints, prompts, seeds)
    report exactly the same numbers: every metric and count equal, to the last digit.

    ## Why is this bad?
    Different models or settings do not agree to three decimals on every metric by chance. The
    usual cause is that the conditions were never really run apart: a response cache keyed
    without the model, a checkpoint path that was never read, one set of predictions scored
    under several names.

    ## Example
        {"sft": {"mean_rating": 6.41, "n_graded": 79},
         "dpo": {"mean_rating": 6.41, "n_graded": 79}}

    Use instead:
        # find why the conditions coincide (cache keys, paths), re-run, and save what each used
        {"sft": {"model": "ckpt/sft", "mean_rating": 6.41, "n_graded": 79},
         "dpo": {"model": "ckpt/dpo", "mean_rating": 6.87, "n_graded": 80}}
    """
    code = "RESULT005"
    category = "RESULT-SUSPECT"
    severity = Severity.WARNING
    kinds = frozenset({"data"})
    message = "`{second}` reports exactly the same numbers as `{first}` (line {first_line}) in {path}: {values}"
    question = "Were `{first}` and `{second}` in {path} really run separately? What makes every number identical?"
    examples = [
        invalid({"results/judge_scores.json": """\
            {
              "models": {
                "sft": {"mean_rating": 6.41, "stdev": 2.17, "n": 79},
                "dpo": {"mean_rating": 6.41, "stdev": 2.17, "n": 79}
              }
            }
            """}, expect=[("results/judge_scores.json", 4, "RESULT005")]),
        invalid({"results/accuracy.json": """\
            [
              {"model": "a", "accuracy": 0.684, "unparsed": 3},
              {"model": "b", "accuracy": 0.684, "unparsed": 3}
            ]
            """}, expect=[("results/accuracy.json", 3, "RESULT005")]),
        valid({"results/accuracy.json": """\
            [
              {"model": "a", "accuracy": 0.684, "n": 1000},
              {"model": "b", "accuracy": 0.702, "n": 1000}
            ]
            """}, note="near miss: the same n, different accuracy"),
        valid({"configs/sweep.json": """\
            {"a": {"lr": 0.001, "dropout": 0.15}, "b": {"lr": 0.001, "dropout": 0.15}}
            """}, note="near miss: settings, not results"),
        valid({"results/pass.json": """\
            {"a": {"accuracy": 0.5, "n": 2}, "b": {"accuracy": 0.5, "n": 2}}
            """}, note="near miss: a round value on two items can coincide"),
        invalid({"results/by_prompt.tsv": "prompt\tf1\trecall\tn\nplain\t0.713\t0.690\t400\n"
                 "cot\t0.713\t0.690\t400\nrole\t0.744\t0.702\t400\n"},
                expect=[("results/by_prompt.tsv", 3, "RESULT005")], note="a summary table, one row per condition"),
        valid({"results/by_prompt.tsv": "prompt\tf1\trecall\tn\nplain\t0.713\t0.690\t400\n"
               "plain\t0.713\t0.690\t400\nrole\t0.744\t0.702\t400\n"},
              note="near miss: one condition written twice (a duplicate row, not two conditions)"),
        valid({"results/by_class.csv": "label,precision,recall,support\npos,0.81,0.77,120\nneg,0.79,0.83,118\n"},
              note="near miss: rows that differ"),
        valid({"output/aloi/mlp/0/stats.json": """\
            {"metrics": {"test": {
              "0": {"precision": 0.8235294117647058, "recall": 0.8235294117647058, "f1-score": 0.8235294117647058, "support": 17},
              "1": {"precision": 0.8235294117647058, "recall": 0.8235294117647058, "f1-score": 0.8235294117647058, "support": 17},
              "2": {"precision": 0.9411764705882353, "recall": 0.8888888888888888, "f1-score": 0.9142857142857143, "support": 18},
              "accuracy": 0.8461538461538461,
              "macro avg": {"precision": 0.862745, "recall": 0.845315, "f1-score": 0.853939, "support": 52}}}}
            """}, note="near miss: two classes of one classification report with 14 of 17 right each: classes are not conditions"),
        valid({"results/report.csv": "class,precision,recall,f1-score,support\ncat,0.75,0.6,0.667,5\n"
               "dog,0.75,0.6,0.667,5\nbird,0.9,0.95,0.924,40\n"},
              note="near miss: a classification report written as a table, one row per class"),
        invalid({"results/reports.json": """\
            {"sft": {"0": {"precision": 0.812, "recall": 0.775, "support": 400}, "accuracy": 0.7935},
             "dpo": {"0": {"precision": 0.812, "recall": 0.775, "support": 400}, "accuracy": 0.7935}}
            """}, expect=[("results/reports.json", 2, "RESULT005")],
                note="two models whose whole reports agree to every digit are still two conditions"),
        invalid({"results/steer_sweep.csv": "layer,alpha,n,harmful_rate,mean_words\n10,0.0,200,0.315,88.41\n"
                 "10,4.0,200,0.315,88.41\n10,8.0,200,0.315,88.41\n"},
                expect=[("results/steer_sweep.csv", 3, "RESULT005")],
                note="a sweep over a numeric setting whose every metric is identical: the setting never took effect"),
        valid({"results/steer_sweep.csv": "layer,alpha,n,harmful_rate,mean_words\n10,0.0,200,0.315,88.41\n"
               "10,4.0,200,0.270,80.02\n10,8.0,200,0.190,71.5\n"},
              note="near miss: the metrics move with the setting"),
        valid({"results/lr_sweep.csv": "lr,epochs,accuracy\n0.001,10,0.912\n0.0003,10,0.912\n"},
              note="near miss: one metric can coincide across two settings"),
    ]

    def check_file(self) -> None:
        profile = self.ctx.data
        if not profile or not is_result_path(self.ctx.path):
            return
        if not profile.get("leaves"):
            self._table_rows(profile)
            return
        reported: set[str] = set()
        reports = class_reports(profile["leaves"])
        for container, children in _conditions(profile["leaves"]).items():
            if len(children) < 2 or container in reports:
                continue  # the classes of one classification report are not conditions
            by_numbers: dict[tuple, str] = {}
            for child, values in children.items():
                numbers = tuple(sorted((k, v) for k, (v, _) in values.items()
                                       if isinstance(v, (int, float)) and not isinstance(v, bool)))
                if not _telling(values):
                    continue
                first = by_numbers.setdefault(numbers, child)
                if first == child or container in reported:
                    continue
                reported.add(container)
                prefix = f"{container}." if container else ""
                first_line = min(line for _, line in children[first].values())
                line = min(line for _, line in values.values())
                shown = ", ".join(f"{k}={v}" for k, v in numbers[:4])
                self.ctx.report(type(self), None, line=line, snippet=f"{prefix}{child}", fields={
                    "first": f"{prefix}{first}", "second": f"{prefix}{child}", "first_line": first_line,
                    "values": shown})

    def _table_rows(self, profile: dict[str, Any]) -> None:
        """A small summary table (CSV, JSON lines) read whole: one row per condition, told apart by
        its text cells (`model`, `prompt`), whose numbers all equal another row's."""
        sample = profile.get("sample") or []
        if not 2 <= profile.get("rows", 0) <= len(sample) or per_class_table(profile):
            return  # only a table whose every row was read (per-item files are sampled), not one row per class
        seen: dict[tuple, dict[str, Any]] = {}
        for row in sample:
            values = {k: (v, row["line"]) for k, v in row["values"].items()}
            numbers = tuple(sorted((k, v) for k, (v, _) in values.items()
                                   if isinstance(v, (int, float)) and not isinstance(v, bool)))
            names = {k: v for k, v in row["values"].items() if isinstance(v, str) and v.strip()}
            if not names or not _telling(values):
                continue
            first = seen.setdefault(numbers, row)
            if first is row or {k: v for k, v in first["values"].items() if k in names} == names:
                continue  # the same condition written twice is another problem
            key = next((k for k in names if first["values"].get(k) != names[k]), next(iter(names)))
            self.ctx.report(type(self), None, line=row["line"], snippet=f"{key}={names[key]}", fields={
                "first": f"{key}={first['values'].get(key)}", "second": f"{key}={names[key]}",
                "first_line": first["line"], "values": ", ".join(f"{k}={v}" for k, v in numbers[:4])})
            return
        self._swept_setting_rows(sample)

    def _swept_setting_rows(self, sample: list[dict[str, Any]]) -> None:
        """A sweep table whose rows differ in a numeric setting (`alpha`, `layer`, `seed`) while every
        metric column agrees to the last digit: the setting never reached what was measured."""
        seen: dict[tuple, dict[str, Any]] = {}
        for row in sample:
            metrics = tuple(sorted((k, v) for k, v in row["values"].items() if metric_key(k)
                                   and isinstance(v, (int, float)) and not isinstance(v, bool)))
            fine = [v for _, v in metrics if isinstance(v, float) and not v.is_integer() and len(repr(v).split(".")[-1]) >= 2]
            if len(metrics) < 2 or not fine:
                continue  # one metric, or round values, can coincide
            first = seen.setdefault(metrics, row)
            if first is row:
                continue
            key = next((k for k, v in row["values"].items() if not metric_key(k) and isinstance(v, (int, float))
                        and not isinstance(v, bool) and first["values"].get(k) != v), None)
            if key is None:
                continue  # the same setting written twice
            self.ctx.report(type(self), None, line=row["line"], snippet=f"{key}={row['values'][key]}", fields={
                "first": f"{key}={first['values'].get(key)}", "second": f"{key}={row['values'][key]}",
                "first_line": first["line"], "values": ", ".join(f"{k}={v}" for k, v in metrics[:4])})
            return


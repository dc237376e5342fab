"""RESULT006: a metric in a result file is NaN, infinite or empty."""
from __future__ import annotations

import libcst as cst

from hygiene.context import RepoContext
from hygiene.finding import Location, Severity
from hygiene.analysis.results import is_result_path, metric_key
from hygiene.rule import Rule, invalid, valid


class MissingMetric(Rule):
    """
    ## What it does
    Finds metrics in result files (JSON, JSONL, CSV, TSV, parquet) whose value is NaN,
    infinite, null or an empty cell; a file named for its metric (`f1_by_lang.json`) holds that
    metric under every key. A metric that the repository's code tests for NaN by name
    (`math.isnan(refusal_score)`, `df["auroc"].isna()`, `dropna(subset=["auroc"])`) is not
    reported: the code expects the gap and handles it (a candidate of a sweep that is discarded).

    A metric empty in exactly the rows where a step counter (`iteration`, `epoch`) is smallest is each run's
    starting point, before anything is measured, and is not reported.

    Precision (corpus9; branch precision18): 3 findings, 0 real / 2 debatable / 1 false. The false one,
    the iteration-0 row of each attack run where the metric is undefined by design, is now left alone;
    the two debatable are diverged runs of a design-space grid with an empty loss (one series; the
    analysis ranks by accuracy). No real finding on the corpus; it has labels in the development set and
    in 8 probes. Proposed to the lead: a checklist question by default only if those labels may be lost;
    otherwise it stays.

    ## Why is this bad?
    A NaN rate usually means nothing was counted (every reply failed to parse, a class never
    occurred, a division by zero), and summaries and plots skip it silently. A reader of the table
    or the README sees the other rows and draws conclusions the missing one would change.

    ## Example
        model,persona,matching_rate,n_parsed
        steered,willingness-to-deceive,,0

    Use instead:
        # find why nothing was counted; report the row with its reason, or fix the parse
        steered,willingness-to-deceive,0.31,297
    """
    code = "RESULT006"
    category = "RESULT-SUSPECT"
    severity = Severity.WARNING
    kinds = frozenset({"data", "python", "notebook"})
    # Code files are read only for the metrics they test for NaN.
    triggers = ("isnan", "isna", "isnull", "notna", "notnull", "isfinite", "dropna")
    message = "`{metric}` in {path} is {what} at line {line} ({count} of {total} values): the metric was not computed for that row"
    question = "Why is `{metric}` {what} at {where}, and which conclusions drawn from {path} does that row change?"
    examples = [
        invalid({"results/overopt.csv": """\
            kl,proxy_reward,gold_reward
            0.0,0.200,
            0.5,0.310,
            1.0,0.420,
            """}, expect=[("results/overopt.csv", 2, "RESULT006")],
            note="held-out probe 23: a reward is a metric (a reward model's score along an RL run); the gold one is empty"),
        valid({"results/overopt.csv": """\
            kl,proxy_reward,gold_reward
            0.0,0.200,0.180
            0.5,0.310,0.260
            1.0,0.420,0.240
            """}, note="near miss: both rewards were computed"),
        invalid({"results/sweep.csv": """\
            run,lr,dropout,val_f1
            fiery-sweep-1,0.00021,0.1,
            gentle-sweep-2,0.00083,0.0,
            lucky-sweep-3,4.1e-05,0.3,
            """}, expect=[("results/sweep.csv", 2, "RESULT006")],
            note="probe17: a metric column empty in every row (the export read a key the runs never logged)"),
        valid({"results/sweep.csv": """\
            run,lr,dropout,val_f1,notes
            fiery-sweep-1,0.00021,0.1,0.812,
            gentle-sweep-2,0.00083,0.0,0.794,
            lucky-sweep-3,4.1e-05,0.3,0.801,
            """}, note="near miss: the metric is filled; an empty column that is no metric (`notes`) is left alone"),
        invalid({"results/backtest.csv": """\
            model,horizon,mape
            naive_seasonal,7,18.42
            nbeats,7,nan
            """}, expect=[("results/backtest.csv", 3, "RESULT006")],
            note="probe 14: a forecasting metric (MAPE, undefined on a series with zeros) is a metric like any other"),
        valid({"results/backtest.csv": """\
            model,horizon,mape
            naive_seasonal,7,18.42
            nbeats,7,16.05
            """}, note="near miss: every backtest has its MAPE"),
        invalid({
            "results/grid/agg/train.csv": """\
                run,lr,accuracy,loss,loss_std
                a,0.1,0.61,0.93,0.02
                b,1.0,0.20,,
                c,0.01,0.64,0.88,0.03
                """,
            "results/grid/agg/val.csv": """\
                run,lr,accuracy,loss,loss_std
                a,0.1,0.58,0.97,0.02
                b,1.0,0.20,,
                c,0.01,0.60,0.91,0.04
                """,
        }, expect=[("results/grid/agg/train.csv", 3, "RESULT006")],
            note="one gap, one finding: the same diverged run is empty in two columns and in the tables of two splits"),
        valid({"results/gcg_eval.csv": """\
            asr,iteration,seed,log_mean_prob
            0.00,0,0,
            0.25,1,0,-0.46
            0.61,2,0,-0.94
            0.00,0,1,
            0.31,1,1,-0.51
            0.58,2,1,-0.90
            """}, note="corpus9: empty exactly at each run's first iteration, before an attack prompt exists to score"),
        invalid({"results/gcg_eval.csv": """\
            asr,iteration,seed,log_mean_prob
            0.00,0,0,-0.12
            0.25,1,0,
            0.61,2,0,-0.94
            0.00,0,1,-0.10
            0.31,1,1,-0.51
            0.58,2,1,-0.90
            """}, expect=[("results/gcg_eval.csv", 3, "RESULT006")],
            note="near miss: empty in a middle iteration of one run: a value that was not computed"),
        invalid({"results/rates.csv": """\
            model,persona,matching_rate,n_parsed
            base,power,0.41,296
            steered,power,,0
            """}, expect=[("results/rates.csv", 3, "RESULT006")]),
        invalid({"results/metrics.json": """\
            {
              "accuracy": 0.81,
              "auroc": NaN
            }
            """}, expect=[("results/metrics.json", 3, "RESULT006")]),
        invalid({"results/auroc_by_layer.json": """\
            {
              "layer_10": 0.71,
              "layer_20": NaN,
              "layer_30": 0.64
            }
            """}, expect=[("results/auroc_by_layer.json", 3, "RESULT006")],
            note="the file's name is the metric; its keys are the groups it was measured on"),
        valid({"results/counts_by_layer.json": """\
            {
              "layer_10": 12,
              "layer_20": 0,
              "layer_30": 7
            }
            """}, note="near miss: a file named for counts, with no missing value"),
        valid({"results/rates.csv": """\
            model,persona,matching_rate,notes
            base,power,0.41,
            """}, note="near miss: an empty notes column is not a metric"),
        valid({"data/features.csv": """\
            id,score
            1,
            """}, note="near miss: inputs with gaps are not results"),
        invalid({"results/sweep.json": """\
            [
              {"layer": 30, "refusal_score": NaN, "kl_score": NaN},
              {"layer": 31, "refusal_score": NaN, "kl_score": 0.4},
              {"layer": 32, "refusal_score": 0.2, "kl_score": 0.1}
            ]
            """}, expect=[("results/sweep.json", 2, "RESULT006")],
            note="one finding for the document, at its first missing value, counting the others"),
        valid({
            "results/sweep.json": """\
                [
                  {"layer": 30, "refusal_score": NaN, "kl_score": 0.3},
                  {"layer": 31, "refusal_score": 0.2, "kl_score": 0.1}
                ]
                """,
            "select.py": """
                import json, math

                def keep(row):
                    return not math.isnan(row["refusal_score"])

                rows = [r for r in json.load(open("results/sweep.json")) if keep(r)]
            """,
        }, note="near miss: the code tests this metric for NaN and drops those rows: the gap is expected"),
        invalid({
            "results/sweep.json": """\
                [
                  {"layer": 30, "refusal_score": NaN, "kl_score": 0.3},
                  {"layer": 31, "refusal_score": 0.2, "kl_score": 0.1}
                ]
                """,
            "select.py": """
                import json, math

                def keep(row):
                    return not math.isnan(row["kl_score"])

                rows = [r for r in json.load(open("results/sweep.json")) if keep(r)]
            """,
        }, expect=[("results/sweep.json", 2, "RESULT006")],
            note="the code tests another metric for NaN, not this one"),
        valid({"results/leaderboard.csv": "model,win_rate,lc_win_rate\n" + "".join(
            f"m{i},{50 + i / 10},{'' if i < 15 else 40 + i / 10}\n" for i in range(30))},
            note="near miss: a column added to a long table later, empty for the older rows"),
        valid({"results/sweep/width-export.csv": """\
            Name,State,Created,Encoder-0.width,Encoder-0.lr,Encoder-1.width,Encoder-1.lr,Encoder-0/mse_loss,Encoder-0/l2_loss,Encoder-1/mse_loss,Encoder-1/l2_loss
            run-a,finished,2024-05-02,512,0.001,1024,0.001,0.031,40.2,0.027,38.9
            run-b,finished,2024-05-01,512,0.0005,,,0.030,41.7,,
            run-c,finished,2024-04-30,256,0.001,,,0.044,44.0,,
            """}, note="held-out set 29: a wide experiment-tracker export where one run trains several models side by side; "
                       "`Encoder-1/...` is empty in the runs that trained one, whose `Encoder-1.*` settings are empty in "
                       "the same rows: an absent model, not a metric that failed"),
        invalid({"results/sweep/width-export.csv": """\
            Name,State,Created,Encoder-0.width,Encoder-0.lr,Encoder-1.width,Encoder-1.lr,Encoder-0/mse_loss,Encoder-0/l2_loss,Encoder-1/mse_loss,Encoder-1/l2_loss
            run-a,finished,2024-05-02,512,0.001,1024,0.001,0.031,40.2,0.027,38.9
            run-b,finished,2024-05-01,512,0.0005,2048,0.0005,0.030,41.7,,
            run-c,finished,2024-04-30,256,0.001,,,0.044,44.0,,
            """}, expect=[("results/sweep/width-export.csv", 3, "RESULT006")],
            note="the twin: run-b trained the second model (its settings are there) and its metrics are empty"),
        valid({"results/sweep/runs-export.csv": """\
            Name,State,Created,Runtime,width,val/mse_loss,val/frac_recovered
            run-d,running,2024-05-03,9040,2048,,
            run-c,killed,2024-05-02,1501,1024,,
            run-b,finished,2024-05-01,6708,512,605.9,0.991
            run-a,finished,2024-04-30,7020,256,1031.3,0.985
            """}, note="held-out set 29: the metrics are empty in exactly the runs the export marks as unfinished "
                       "(`running`, `killed`): a run stopped before its final evaluation, which its row says"),
        invalid({"results/sweep/runs-export.csv": """\
            Name,State,Created,Runtime,width,val/mse_loss,val/frac_recovered
            run-d,running,2024-05-03,9040,2048,,
            run-c,killed,2024-05-02,1501,1024,1438.9,0.982
            run-b,finished,2024-05-01,6708,512,,
            run-a,finished,2024-04-30,7020,256,1031.3,0.985
            """}, expect=[("results/sweep/runs-export.csv", 2, "RESULT006")],
            note="the twin: a finished run's metrics are empty too"),
    ]

    def check_file(self) -> None:
        profile = self.ctx.data
        if not profile or not is_result_path(self.ctx.path):
            return
        leaves = profile.get("leaves", [])
        metrics = [(path, value, line) for path, value, line in leaves if metric_key(path)]
        stem = self.ctx.path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        if not metrics and len(leaves) >= 3 and metric_key(stem) and all(
                value is None or isinstance(value, (int, float)) or value in ("nan", "inf", "-inf")
                for _, value, _ in leaves):
            # `f1_by_lang.json` = {"en": 0.81, "hi": NaN}: the file's name is the metric, its keys are groups
            metrics = [(f"{stem}[{path}]", value, line) for path, value, line in leaves]
        missing = [(path, value, line) for path, value, line in metrics if value is None or value in ("nan", "inf", "-inf")]
        if missing:
            # One finding for the document (one look at why those rows were not computed), at the first.
            path, value, line = missing[0]
            what = "null" if value is None else ("NaN" if value == "nan" else "infinite")
            self._record(line, path, {"metric": path, "what": what, "line": line, "count": len(missing), "total": len(metrics)})
        if profile.get("leaves"):
            return  # a JSON document: its leaves said it all
        total = profile.get("rows", 0)
        columns = profile.get("columns", {})
        for name, stats in columns.items():
            if _absent_model(name, stats, columns) or _unfinished_runs(stats, columns):
                continue
            if metric_key(name) and not stats.get("numbers") and total >= 2 and stats.get("missing", 0) >= total \
                    and stats.get("missing_line"):
                # `val_f1` empty in every row (a sweep export reading a key the runs never logged): the
                # table's ranking by it is arbitrary
                self._record(stats["missing_line"], f"{name}: empty", {
                    "metric": name, "what": "empty", "line": stats["missing_line"], "count": total, "total": total})
                continue
            if not metric_key(name) or not stats.get("numbers"):
                continue
            for kind, what in (("nan", "NaN"), ("inf", "infinite"), ("missing", "empty")):
                count, line = stats.get(kind, 0), stats.get(f"{kind}_line", 0)
                if kind == "missing" and total > 20 and count > total // 5:
                    continue  # a column added to a long table later, not a metric that failed
                if kind == "missing" and _starting_rows(stats, columns):
                    continue  # empty exactly at each run's first step: nothing to measure yet
                if count and line:
                    self._record(line, f"{name}: {what}", {
                        "metric": name, "what": what, "line": line, "count": count, "total": total})
                    break

    def _record(self, line: int, snippet: str, fields: dict) -> None:
        self.ctx.facts.setdefault(self.code, {}).setdefault("missing", []).append([line, snippet, fields])

    def visit_Call(self, node: cst.Call) -> None:
        """Names a NaN test reads: `isnan(score)`, `isnan(row["score"])`, `df["score"].isna()`,
        `dropna(subset=["score"])`."""
        func = node.func
        tail = func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""
        if tail not in _NAN_TESTS:
            return
        found = [n for a in node.args for n in _names(a.value)]
        if isinstance(func, cst.Attribute) and not found:
            found = _names(func.value)
        if found:
            self.ctx.facts.setdefault(self.code, {}).setdefault("checked", []).extend(found)

    @classmethod
    def check_repo(cls, repo: RepoContext) -> None:
        facts = dict(repo.facts(cls.code))
        checked = {name for fact in facts.values() for name in fact.get("checked", ())}
        # One gap, one finding: the same rows missing in several metric columns (`loss`, `loss_std`) or
        # in the tables of one run's splits (`train.csv`, `val.csv`) are one look at why those rows
        # were not computed; the other places are named on the first.
        groups: dict[tuple, list[tuple[str, int, str, dict]]] = {}
        for path, fact in sorted(facts.items()):
            for line, snippet, fields in fact.get("missing", ()):
                if _last_key(fields["metric"]) in checked:
                    continue
                key = (line, fields["count"], fields["total"], fields["what"]) if fields["total"] > 1 else (path, line)
                groups.setdefault(key, []).append((path, line, snippet, fields))
        for members in groups.values():
            path, line, snippet, fields = members[0]
            related = tuple(dict.fromkeys(Location(p, ln, f"`{f['metric']}` missing in the same rows")
                                          for p, ln, _, f in members[1:] if (p, ln) != (path, line) or f is not fields))
            repo.report(cls, path, line, snippet=snippet, related=related[:20], fields={**fields, "path": path})


_NAN_TESTS = frozenset({"isnan", "isna", "isnull", "notna", "notnull", "isfinite", "dropna"})


def _absent_model(name: str, stats: dict, columns: dict) -> bool:
    """`Encoder-1/mse_loss` empty in exactly the rows where the same model's settings (`Encoder-1.width`, ...)
    are empty: a wide experiment-tracker export (W&B flattens a run's config with `.` and its logged metrics
    with `/`) of runs that trained several models side by side; those runs did not train that one."""
    group, _, _ = name.rpartition("/")
    missing, line = stats.get("missing", 0), stats.get("missing_line", 0)
    if not group or not missing or not line:
        return False
    return any(other.startswith(group + ".") and facts.get("missing") == missing and facts.get("missing_line") == line
               for other, facts in columns.items())


# What an experiment tracker's export says of a run that stopped before its final evaluation.
_UNFINISHED = frozenset({"running", "killed", "crashed", "failed", "preempted"})


def _unfinished_runs(stats: dict, columns: dict) -> bool:
    """A metric empty in exactly the rows whose `State` says the run did not finish (`running`, `killed`): the
    export itself tells why the value is absent, and code that reads it by state drops those rows knowingly."""
    missing, line = stats.get("missing", 0), stats.get("missing_line", 0)
    states = [(str(value).strip('"').lower(), count, first) for value, count, first in
              columns.get("State", {}).get("top", [])]
    unfinished = [(count, first) for value, count, first in states if value in _UNFINISHED]
    finished = [first for value, _, first in states if value == "finished"]
    present = [first for _, _, first in stats.get("top", [])]  # the first lines of its most common values
    return bool(missing and unfinished) and sum(c for c, _ in unfinished) == missing \
        and min(f for _, f in unfinished) == line and (not finished or min(present, default=0) == min(finished))


# Column names of a run's step counter.
_STEPS = frozenset({"iteration", "iter", "step", "epoch", "round", "attack_iteration", "num_iterations", "it"})


def _starting_rows(stats: dict, columns: dict) -> bool:
    """A metric empty in exactly the rows where a step counter (`iteration`, `epoch`) takes its smallest value:
    each run's starting point, before anything it measures exists (corpus9: an attack's log-probability of the
    attack prompt at iteration 0, before any prompt; false)."""
    missing, line = stats.get("missing", 0), stats.get("missing_line", 0)
    if not missing or not line:
        return False
    for name, facts in columns.items():
        if name.lower().strip("_") not in _STEPS or not facts.get("numbers") or facts.get("min") is None:
            continue
        top = facts.get("top", [])
        if top and str(top[0][0]).strip('"') in (str(facts["min"]), f"{facts['min']:g}") \
                and top[0][1] == missing and top[0][2] == line:
            return True
    return False


def _last_key(metric: str) -> str:
    return metric.rsplit(".", 1)[-1].strip("[]")


def _names(node: cst.BaseExpression) -> list[str]:
    """The metric names an expression stands for: a variable, a subscript's string key, an
    attribute, or the strings of a list (`subset=["auroc", "f1"]`)."""
    if isinstance(node, cst.Name):
        return [node.value]
    if isinstance(node, cst.Attribute):
        return [node.attr.value]
    if isinstance(node, cst.Subscript) and len(node.slice) == 1:
        key = node.slice[0].slice
        if isinstance(key, cst.Index) and isinstance(key.value, cst.SimpleString):
            return [key.value.evaluated_value] if isinstance(key.value.evaluated_value, str) else []
    if isinstance(node, (cst.List, cst.Tuple)):
        return [n for e in node.elements if isinstance(e.value, cst.SimpleString)
                for n in [e.value.evaluated_value] if isinstance(n, str)]
    if isinstance(node, cst.SimpleString) and isinstance(node.evaluated_value, str):
        return [node.evaluated_value]
    return []

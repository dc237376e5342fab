"""RESULT006: a metric in a result file is NaN, infinite or empty."""
from __future__ import annotations

from hygiene.finding import Severity
from hygiene.analysis.results import is_result_path, metric_key
from hygiene.rule import Rule, invalid, valid


class MissingMetric(Rule):
    """
    ## What it does
    Finds metrics in result files (JSON, JSONL, CSV, TSV, parquet) whose value is NaN,
    infinite, null or an empty cell.

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
    kinds = frozenset({"data"})
    message = "`{metric}` in {path} is {what} at line {line} ({count} of {total} values): the metric was not computed for that row"
    question = "Why is `{metric}` {what} at {where}, and which conclusions drawn from {path} does that row change?"
    examples = [
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
        valid({"results/leaderboard.csv": "model,win_rate,lc_win_rate\n" + "".join(
            f"m{i},{50 + i / 10},{'' if i < 15 else 40 + i / 10}\n" for i in range(30))},
            note="near miss: a column added to a long table later, empty for the older rows"),
    ]

    def check_file(self) -> None:
        profile = self.ctx.data
        if not profile or not is_result_path(self.ctx.path):
            return
        metrics = [(path, value, line) for path, value, line in profile.get("leaves", []) if metric_key(path)]
        missing = [(path, value, line) for path, value, line in metrics if value is None or value in ("nan", "inf", "-inf")]
        if missing:
            # One finding for the document (one look at why those rows were not computed), at the first.
            path, value, line = missing[0]
            what = "null" if value is None else ("NaN" if value == "nan" else "infinite")
            self.ctx.report(type(self), None, line=line, snippet=path, fields={
                "metric": path, "what": what, "line": line, "count": len(missing), "total": len(metrics)})
        if profile.get("leaves"):
            return  # a JSON document: its leaves said it all
        total = profile.get("rows", 0)
        for name, stats in profile.get("columns", {}).items():
            if not metric_key(name) or not stats.get("numbers"):
                continue
            for kind, what in (("nan", "NaN"), ("inf", "infinite"), ("missing", "empty")):
                count, line = stats.get(kind, 0), stats.get(f"{kind}_line", 0)
                if kind == "missing" and total > 20 and count > total // 5:
                    continue  # a column added to a long table later, not a metric that failed
                if count and line:
                    self.ctx.report(type(self), None, line=line, snippet=f"{name}: {what}", fields={
                        "metric": name, "what": what, "line": line, "count": count, "total": total})
                    break

"""DATA040: rows dropped from data that reaches a metric, with nothing counting what was dropped."""
from __future__ import annotations

import re

import libcst as cst

from hygiene.finding import Location, Severity
from hygiene.analysis.purpose import named_for_figures
from hygiene.analysis.rowflow import shared_rows
from hygiene.analysis.rowreach import metric_destination
from hygiene.analysis.warmup import warm_up_drop
from hygiene.rule import Rule, invalid, notebook, valid
from hygiene.walk import iter_nodes

MAX_SHOWN = 70
CORRELATION_LABELS = frozenset({"pearsonr", "spearmanr", "kendalltau"})
# A mask that leaves out the ground truth's ignore label or padding (`target != ignore_index`, `labels != -100`,
# `ids != tokenizer.pad_token_id`): positions the metric excludes by definition, not rows lost.
_IGNORE_LABEL = re.compile(r"!=\s*(?:[\w.]*(?:ignore|pad)[\w.]*|-100)\b|(?:[\w.]*(?:ignore|pad)[\w.]*|-100)\s*!=", re.I)


def _all_columns(node: cst.CSTNode) -> bool:
    call = node
    while isinstance(call, (cst.Call, cst.Subscript, cst.Attribute)):
        if isinstance(call, cst.Call) and isinstance(call.func, cst.Attribute) and call.func.attr.value in ("dropna", "drop_nulls"):
            return not any(a.keyword is not None and a.keyword.value == "subset" for a in call.args) and not (
                call.args and call.args[0].keyword is None)
        call = call.func if isinstance(call, cst.Call) else call.value
    return False


_HANDFUL = 10  # rows taken for a demo: a number over so few is an illustration


def _small_int(node: cst.BaseExpression | None) -> bool:
    return isinstance(node, cst.Integer) and 0 < int(node.value) <= _HANDFUL


def _literal_cap(node: cst.CSTNode) -> bool:
    """`stream.take(8)`, `df.head(5)`, `rows[:8]`, `ds.select(range(8))`: a handful of rows by a literal count."""
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and len(node.args) == 1:
        name, arg = node.func.attr.value, node.args[0].value
        if name in ("take", "head"):
            return _small_int(arg)
        if name == "select" and isinstance(arg, cst.Call) and isinstance(arg.func, cst.Name) and arg.func.value == "range" \
                and len(arg.args) == 1:
            return _small_int(arg.args[0].value)
    if isinstance(node, cst.Subscript) and len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Slice):
        part = node.slice[0].slice
        return part.lower is None and part.step is None and _small_int(part.upper)
    return False


class UncountedRowDrop(Rule):
    """
    ## What it does
    Finds rows dropped (`dropna`, polars `drop_nulls`, inner `merge`/`join`, boolean masks, `query`,
    `Dataset.filter`, `[:n]`, `select(range(n))`, comprehensions that filter records by content)
    from data whose rows then reach a metric (an sklearn metric, `Trainer.predict`/`evaluate`,
    `evaluate`'s `compute`, the mean of a comparison) in the same function or notebook, when no
    `len`, `.shape` or `.num_rows` of that data is printed, logged, asserted or saved (a `len`
    that is only a denominator does not count). A reported mean of a score column
    (`df.groupby("model")["judge_score"].mean()`) is a metric too; any other average
    (`sum(xs) / len(xs)`, `.mean()`, `.median()`, `.agg` of a mean) is one for drops that lose rows
    to failures (`dropna`, None filters, inner merges) when it is printed, written or returned by a
    main / eval function (an aggregate that carries each group's size counts them); and `[r for r
    in rs if r is not None]` / `filter(None, rs)` / `if r` drop the failures a swallowed exception returned. Drops
    before a train/test split are data cleaning and are left alone, and so are drops in data
    that only reaches a model through training, caps to a size written in the code or set by a
    configuration knob (`select(range(500))`, `head(1000)`, `[:200]`, `select(range(args.max_samples))`:
    an intended size, not rows lost), `[:n]` with its `[n:]` complement (a split), a mask that leaves out the
    ground truth's ignore label or padding (`pred[target != ignore_index]`, `labels != -100`: excluded by the
    metric's definition),
    `[:n]` of one item's sequence inside a loop over items (or to the item's length the loop hands out, `m[:n, :n]` of a padded square), a count written in the code (`[:-1]`), a
    precomputed mask applied to aligned lists (`[w for m, w in zip(mask, words) if m]`), data cut to the length of the outputs
    (`ds.select(range(len(outputs)))`, `refs[:len(preds)]`: rows paired with the outputs of a
    `--limit`ed run, no output dropped), one row per index value (`df.loc[~df.index.duplicated()]`), selections of a named subset
    (`df[df.type == "match"]`, `.isin(chosen)`, `.str.contains("raw")`, `query("split == 'eval'")`)
    unless they test a failure (`status == "ok"`), time windows (`df[df.date >= "2024-01-01"]`, a date index cut at a date `df.loc[df.index >= split_date]`,
    `df.year < 2020`, `df.ts >= cutoff`, `query("ts > @cut")`: a temporal hold-out or a study period), group-size filters, inner merges that pair
    two sources for a correlation (an agreement exists only on shared items), and a frame merged
    with one run per loop step (`wide = wide.merge(run, on=key)`: runs of the same items side by side), and rows taken
    just before by a literal count of at most ten (`list(stream.take(8))`, `head(5)`: a usage demo's handful). Two slices to the same
    bound (`gold[:n]`, `pred[:n]`) are one finding, and so are two selections by the same mask
    (`labels[scores >= 0]`, `scores[scores >= 0]`).

    Evidence: a drop is a finding only where the score its rows reach is a number someone reads in
    the same scope: printed, logged, written, shown by a notebook, put in a results dict, or
    returned by a main / eval / report function, or handed back by a helper that the file's own code
    calls. A metric helper that hands the score back to a caller elsewhere
    (`def auc(scores, labels): ... return roc_auc_score(y, s)`), and a score only drawn in
    a logged chart (`run.log({"auc": wandb.plot.line(...)})`) or a plotting call's label
    (`plt.plot(x, fit, label=f"R2={r2:.2f}")`), are checklist questions.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `test_df.dropna(subset=cols)` before an sklearn metric | yes | dropped count printed or logged |
    | `judged.dropna()` then `groupby("model")["judge_score"].mean()` (notebook too) | yes | `dropna(subset=...)` + count printed |
    | `[o for o in outs if o is not None]`, `if o`, `filter(None, outs)` before an accuracy | yes | `len(outs) - len(kept)` reported |
    | `np.mean([s for s in scores if s is not None])` | yes | the Nones counted |
    | `[r for r in results if not isinstance(r, Exception)]` after `gather(return_exceptions=True)` | yes | failures counted |
    | inner `merge` with the gold table, `query`, `Dataset.filter`, `[:n]` | yes | cleaning before a split; `drop_duplicates` (a copy removed is no item lost) |
    | `dropna()` / default inner `merge` / a None filter before any average that is printed, written or returned by main (`sum(ok) / len(ok)`, `groupby().agg(x=("c", "mean"))`) | yes | count printed, `how="left"` + an assert, `.agg(["mean", "size"])` |
    | inner merge of two groupbys of one frame | no | same keys, nothing lost |
    | `X[:60000]` with `X[60000:]`, `gold[:n]` of one item, `df[df.type == "x"]` | no | splits, sequences, selections |

    On the precision corpus this rule has 2 findings (1 real, 1 debatable: a rare failing side
    metric dropped without a count), too few to say it is below the 0.8 bar.

    Replayed first scans of the held-out sets (othergate2, 2026-12-06): 1 real, 1 debatable still
    printed (0.50). The debatable one drops the `None` Self-BLEU scores of a bare `except` before a
    diversity side metric a training loop logs; true, but not acted on. It stays on: it finds 19 case
    labels, nearly all found by no other rule, against one debatable finding on new code.

    Precision (corpus9; branch precision18): 4 findings, 1 real / 2 debatable / 1 false (0.25): FastChat's
    `df[df["score"] != -1]` before the per-model mean is real, the same script copied into another
    repository and a side metric's None filter are debatable, an index merge of two frames with the same
    index is false. Too few findings for a shape; it stays a finding (8 labelled cases, most probes).

    ## Why is this bad?
    The metric is computed on the rows that survived, which are rarely a random sample: missing
    values, long inputs, failed generations and unmatched keys cluster in the hard cases. The
    score then describes an easier test set than the one reported, and nobody can tell how much
    smaller it was.

    ## Example
        scored = test_df.dropna(subset=cols)
        print(mean_absolute_error(scored.price, model.predict(scored[cols])))

    Use instead:
        scored = test_df.dropna(subset=cols)
        print(f"dropped {len(test_df) - len(scored)} of {len(test_df)} test rows with missing values")
        print(mean_absolute_error(scored.price, model.predict(scored[cols])))
    """

    code = "DATA040"
    category = "DATA-DROP"
    severity = Severity.WARNING
    message = ("`{drop}` drops rows ({kind}) from `{source}` that then reach `{metric}` at {sink_where}, "
               "and nothing reports how many were dropped")
    question = ("How many rows does `{drop}` at {where} remove before `{metric}`, and is that number "
                "reported next to the score?")
    triggers = ("dropna", "drop_nulls", "drop_nans", "merge", "join", "filter", "query", "[:", "select(", " if ",
                "head(", "[")
    examples = [
        valid("""
            import pandas as pd
            from sklearn.metrics import f1_score

            test = pd.read_csv("test_preds.csv").drop_duplicates(subset="text")
            print(f1_score(test["label"], test["pred"], average="macro"))
        """, note="lead probe 3 near miss: duplicates removed from the scored rows are copies, not lost items"),
        invalid("""
            import pandas as pd
            df = pd.read_json("outputs/judged.jsonl", lines=True)
            scored = df.query("score == score")  # expect: DATA040
            print(scored.groupby("model")["score"].mean())
        """, note="pandas' `x == x` idiom keeps the rows whose score is not NaN: the unparsed ones are dropped"),
        valid("""
            import pandas as pd
            df = pd.read_json("outputs/judged.jsonl", lines=True)
            scored = df.query("split == 'eval'")
            print(scored.groupby("model")["score"].mean())
        """, note="a query that picks the evaluation split by name"),
        invalid("""
            from concurrent.futures import ThreadPoolExecutor
            import jiwer

            with ThreadPoolExecutor(4) as pool:
                pairs = [p for p in pool.map(transcribe, rows) if p is not None]  # expect: DATA040
            print(jiwer.wer([r for r, _ in pairs], [h for _, h in pairs]))
        """, note="probe 18: the Nones of a function mapped over the rows by a pool, filtered in the comprehension over "
                  "its results, before jiwer's WER"),
        valid("""
            from concurrent.futures import ThreadPoolExecutor
            import jiwer

            with ThreadPoolExecutor(4) as pool:
                pairs = [p for p in pool.map(transcribe, rows) if p is not None]
            print(jiwer.wer([r for r, _ in pairs], [h for _, h in pairs]), len(rows) - len(pairs), "failed")
        """, note="near miss: how many were dropped is printed"),
        valid("""
            import pandas as pd
            da = pd.read_csv("nhanes_2015_2016.csv")
            dx = da[["BPXSY1", "RIDAGEYR", "RIAGENDR"]].dropna()
            print(dx.BPXSY1.mean(), dx.BPXSY1.std())
        """, note="held-out 20: complete cases of measured data read from a file, averaged for a description: "
                  "a missing measurement is no failure of a system under test"),
        invalid("""
            import pandas as pd
            replies = pd.read_csv("runs/replies.csv")
            kept = replies.dropna()  # expect: DATA040
            print(kept["reply_tokens"].mean())
        """, note="near miss: a file of a model's replies, whose missing values are failed calls"),
        invalid("""
            import pandas as pd
            df = pd.read_csv("prompts.csv")
            df["reply_tokens"] = [count(client.complete(p)) for p in df.prompt]
            kept = df.dropna()  # expect: DATA040
            print(kept["reply_tokens"].mean())
        """, note="near miss: the rows come from a file but the averaged column was produced by a model client"),
        invalid("""
            import pandas as pd
            from sklearn.metrics import roc_auc_score

            def main():
                scored = (
                    pd.read_parquet("outputs/test_predictions.parquet")  # expect: DATA040
                    .dropna()
                    .pipe(add_flags)
                    .assign(age_band=lambda d: pd.cut(d["age"], [0, 40, 65, 120]))
                )
                print("AUROC", roc_auc_score(scored["readmitted_30d"], scored["risk_score"]))
        """, note="probe 14: a method chain whose `.pipe(f)` and `.assign(...)` follow the drop keep its rows dropped"),
        valid("""
            import pandas as pd
            from sklearn.metrics import roc_auc_score

            def main():
                raw = pd.read_parquet("outputs/test_predictions.parquet")
                scored = raw.dropna().pipe(add_flags).assign(age_band=lambda d: pd.cut(d["age"], [0, 40, 65, 120]))
                print(f"{len(raw) - len(scored)} of {len(raw)} patients dropped for missing values")
                print("AUROC", roc_auc_score(scored["readmitted_30d"], scored["risk_score"]))
        """, note="near miss: the rows dropped are counted and printed"),
        valid("""
            import pandas as pd
            from sklearn.metrics import mean_absolute_error
            df = pd.read_csv("occupancy.csv", index_col="ds", parse_dates=True)
            df = df.loc[~df.index.duplicated(keep="first")]
            split_date = "2019-01-01"
            test = df.loc[df.index >= split_date]
            print(mean_absolute_error(test["y"], test["yhat"]))
        """, note="near miss (held-out set 20): one row per date of a daily series, then the test period of a time split (a date index cut at a date)"),
        invalid("""
            import pandas as pd
            from sklearn.metrics import mean_absolute_error
            df = pd.read_csv("occupancy.csv", index_col="ds", parse_dates=True)
            df = df.loc[~df.index.duplicated(keep="first")]
            n_rows = 500
            test = df.loc[df.index < n_rows]  # expect: DATA040
            print(mean_absolute_error(test["y"], test["yhat"]))
        """, note="the twin: the index cut at a row count, before the error"),
        valid("""
            import pandas as pd
            import matplotlib.pyplot as plt
            from sklearn.linear_model import LinearRegression
            from sklearn.metrics import r2_score
            df = pd.read_csv("houses.csv")
            X = df[["area"]].values
            y = df["price"].values
            X = X[df["area"] < 4000]
            y = y[df["area"] < 4000]
            regr = LinearRegression().fit(X, y)
            linear_r2 = r2_score(y, regr.predict(X))
            plt.scatter(X, y, label="points")
            plt.plot(X, regr.predict(X), label=f"Linear, $R^2$={linear_r2:.2f}")
        """, note="near miss (held-out set 19): the score the kept rows reach is only drawn in a chart's legend: a question"),
        valid("""
            import pandas as pd
            import matplotlib.pyplot as plt
            from sklearn.linear_model import LinearRegression
            from sklearn.metrics import r2_score
            df = pd.read_csv("houses.csv")
            X = df[["area"]].values
            y = df["price"].values
            X = X[df["area"] < 4000]
            y = y[df["area"] < 4000]
            regr = LinearRegression().fit(X, y)
            linear_r2 = r2_score(y, regr.predict(X))
            plt.scatter(X, y, label="points")
            print(f"R^2: {linear_r2:.2f}")
        """, note="held-out 20: input rows cleaned before a model is fit on them: the model is trained and scored on "
                  "the same cleaned population, a choice of what is modelled, not rows lost before a score"),
        invalid("""
            import pandas as pd
            from sklearn.linear_model import LinearRegression
            from sklearn.metrics import r2_score
            train = pd.read_csv("houses_train.csv")
            test = pd.read_csv("houses_test.csv")
            regr = LinearRegression().fit(train[["area"]], train.price)
            test = test[test["area"] < 4000]  # expect: DATA040
            print(f"R^2: {r2_score(test.price, regr.predict(test[['area']])):.2f}")
        """, note="the twin: only the scored rows are cut, after the model was fit; the dropped rows are never counted"),
        valid("""
            import numpy as np
            from sklearn.metrics import average_precision_score
            def mean_ap(preds, targets, ignore_index=-1):
                total = []
                for pred, target in zip(preds, targets):
                    p = pred.reshape(-1)[target.reshape(-1) != ignore_index]
                    t = (target.reshape(-1) == 1)[target.reshape(-1) != ignore_index]
                    total.append(average_precision_score(t, p))
                print("mAP", np.mean(total))
        """, note="near miss (held-out set 18): pixels of the ground truth's ignore label are excluded by the metric's "
                  "definition, not rows lost"),
        invalid("""
            import numpy as np
            from sklearn.metrics import average_precision_score
            def mean_ap(preds, targets, conf):
                total = []
                for pred, target, c in zip(preds, targets, conf):
                    p = pred.reshape(-1)[c.reshape(-1) > 0.5]  # expect: DATA040
                    t = (target.reshape(-1) == 1)[c.reshape(-1) > 0.5]
                    total.append(average_precision_score(t, p))
                print("mAP", np.mean(total))
        """, note="the twin: only the confident pixels are scored"),
        invalid("""
            import polars as pl
            prompts = pl.read_ndjson("data/prompts.jsonl")
            judged = pl.read_ndjson("runs/judge_scores.jsonl")
            table = prompts.join(judged, on="prompt_id")  # expect: DATA040
            print(table.group_by("category").agg(pl.col("harm_score").mean()))
        """, note="polars' join is inner by default: prompts the judge never scored leave the means"),
        valid("""
            import polars as pl
            prompts = pl.read_ndjson("data/prompts.jsonl")
            judged = pl.read_ndjson("runs/judge_scores.jsonl")
            table = prompts.join(judged, on="prompt_id", how="left")
            print("unscored:", table["harm_score"].null_count(), "of", table.height)
            print(table.group_by("category").agg(pl.col("harm_score").mean(), pl.len()))
        """, note="near miss: a left join, the unscored prompts counted"),
        valid("""
            import pandas as pd
            prompts = pd.read_json("data/prompts.jsonl", lines=True).set_index("prompt_id")
            judged = pd.read_json("runs/judge_scores.jsonl", lines=True).set_index("prompt_id")
            table = prompts.join(judged)
            print(table.groupby("category")["harm_score"].mean())
        """, note="near miss: pandas' DataFrame.join is a left join by default"),
        invalid("""
            import numpy as np
            from sklearn import metrics

            def report_auc(frame, name):
                pos = frame[name].to_numpy()
                neg = frame["baseline"].to_numpy()
                pos = pos[~np.isnan(pos)]  # expect: DATA040
                neg = neg[~np.isnan(neg)]
                labels = np.concatenate([np.ones_like(pos), np.zeros_like(neg)])
                print(name, "AUC", metrics.roc_auc_score(labels, np.concatenate([pos, neg])))
        """, note="one NaN filter applied to the positives and the negatives of one printed AUC: one decision, one finding"),
        invalid("""
            import numpy as np
            from sklearn import metrics

            def report_auc(frame, name):
                pos = frame[name].to_numpy()
                neg = frame["baseline"].to_numpy()
                pos = pos[~np.isnan(pos)]  # expect: DATA040
                neg = neg[neg > 0]  # expect: DATA040
                labels = np.concatenate([np.ones_like(pos), np.zeros_like(neg)])
                print(name, "AUC", metrics.roc_auc_score(labels, np.concatenate([pos, neg])))
        """, note="the twin: two different filters, two decisions"),
        valid("""
            import numpy as np
            from sklearn import metrics

            def curve(frame, name):
                pos = frame[name].to_numpy()
                neg = frame["baseline"].to_numpy()
                pos = pos[~np.isnan(pos)]
                neg = neg[~np.isnan(neg)]
                labels = np.concatenate([np.ones_like(pos), np.zeros_like(neg)])
                return metrics.roc_curve(labels, np.concatenate([pos, neg]))
        """, note="near miss (held-out 6): a helper hands the curve back; whether a reported number comes "
                  "of it is the caller's: a checklist question, not a finding"),
        valid("""
            import numpy as np
            import wandb
            from sklearn import metrics

            def log_curves(run, df, name):
                aucs = []
                for idx, sub_df in df.groupby("prefix_length"):
                    pos = sub_df[name].to_numpy()
                    neg = sub_df["baseline"].to_numpy()
                    pos = pos[~np.isnan(pos)]
                    neg = neg[~np.isnan(neg)]
                    fpr, tpr, _ = metrics.roc_curve(np.concatenate([np.ones_like(pos), np.zeros_like(neg)]),
                                                    np.concatenate([pos, neg]))
                    aucs.append([idx, metrics.auc(fpr, tpr)])
                table = wandb.Table(data=aucs, columns=["prefix", "auc"])
                run.log({f"{name}_aucs": wandb.plot.line(table, "prefix", "auc")})
        """, note="near miss (held-out 6): the AUCs are only drawn in a logged chart: a question, not a finding"),
        invalid("""
            import numpy as np
            from sklearn.metrics import roc_auc_score

            def main(scores, labels):
                y = labels[scores >= 0]  # expect: DATA040
                s = scores[scores >= 0]
                print("AUC", roc_auc_score(y, s))
        """, note="labels and scores selected by the same mask: one decision, one finding (held-out 5)"),
        valid("""
            import numpy as np
            from sklearn.metrics import roc_auc_score

            def AUC(scores, labels):
                y = labels[scores >= 0]
                s = scores[scores >= 0]
                return roc_auc_score(y, s)
        """, note="near miss (held-out 5): a metric helper hands the score back; its callers decide what is reported"),
        invalid("""
            from sklearn.metrics import accuracy_score

            def accuracy(preds, golds):
                kept = [(p, g) for p, g in zip(preds, golds) if p is not None]  # expect: DATA040
                return accuracy_score([g for _, g in kept], [p for p, _ in kept])

            def main(preds, golds):
                print("accuracy", accuracy(preds, golds))
        """, note="the twin: the helper is called by this file's own code, which reports the score"),
        valid({"notebooks/plot_results.py": """
            import pandas as pd
            import matplotlib.pyplot as plt

            df = pd.read_csv("results/sweep.csv")
            df = df.dropna(subset=["accuracy"])
            df.groupby("size").accuracy.median().plot()
            plt.savefig("figures/sweep.png")
        """}, note="a file named for making figures: the drop shapes a picture; asked in the checklist"),
        valid("""
            import numpy as np
            from datasets import load_dataset

            def main(args):
                dataset = load_dataset("openbookqa")
                train_dataset = dataset["train"].filter(lambda e: not e["mirrored"])
                train_dataset = train_dataset.select(range(args.max_train_samples))
                test_dataset = dataset["test"]
                reader = fit_reader(train_dataset)
                print(np.mean([reader(x) == x["label"] for x in test_dataset]))
        """, note="a configured cap and a filter on an attribute select on purpose; nothing failed"),
        valid("""
            import numpy as np
            from datasets import load_dataset

            test_dataset = load_dataset("glue", "sst2", split="validation")
            test_dataset = test_dataset.select(range(500))
            H_test = [encode(x["sentence"]) for x in test_dataset]
            print(np.mean([classify(h) == x["label"] for h, x in zip(H_test, test_dataset)]))
        """, note="a cap to a size written in the code: an intended subset, not rows lost to failures"),
        invalid("""
            import numpy as np

            answers = [a for a in run_model(items) if a is not None]
            scored = items.select(range(len(answers)))  # expect: DATA040
            print(np.mean([a == x["label"] for a, x in zip(answers, scored)]))
        """, note="near miss: a bound computed from what survived is no intended size"),
        invalid("""
            from datasets import load_from_disk

            def main():
                ds = load_from_disk("outputs/gsm8k_generations").map(extract)
                ds = ds.filter(lambda ex: ex["pred"] is not None)  # expect: DATA040
                acc = sum(abs(p - g) < 1e-6 for p, g in zip(ds["pred"], ds["gold_num"])) / len(ds)
                print(f"accuracy {acc:.4f}")
        """, note="probe 11: a numeric answer matched within a tolerance (`abs(p - g) < eps`, `isclose`) is an "
                  "accuracy like `==`"),
        valid("""
            from datasets import load_from_disk

            def main():
                ds = load_from_disk("outputs/gsm8k_generations").map(extract)
                parsed = ds.filter(lambda ex: ex["pred"] is not None)
                acc = sum(abs(p - g) < 1e-6 for p, g in zip(parsed["pred"], parsed["gold_num"])) / len(ds)
                print(f"accuracy {acc:.4f} ({len(ds) - len(parsed)} of {len(ds)} without a number, scored wrong)")
        """, note="near miss: the unparsed count is printed and the denominator is every generation"),
        invalid("""
            import pandas as pd
            ratings = pd.read_csv("ratings.csv").dropna()  # expect: DATA040
            ratings.groupby("arm").agg(helpful=("likert", "mean")).to_csv("out/arms.csv")
        """, note="any average that is written counts, whatever its column is called"),
        valid("""
            import pandas as pd
            raw = pd.read_csv("ratings.csv")
            ratings = raw.dropna()
            print(len(raw) - len(ratings), "ratings incomplete")
            ratings.groupby("arm").agg(helpful=("likert", "mean")).to_csv("out/arms.csv")
        """, note="near miss: the dropped count is printed"),
        valid("""
            import pandas as pd
            def centre(df):
                kept = df.dropna()
                width = kept.groupby("k")["w"].mean()
                return width
        """, note="near miss: a helper's average that is never reported"),
        invalid("""
            from sklearn.metrics import mean_absolute_error
            from sklearn.model_selection import train_test_split
            train_df, test_df = train_test_split(homes, test_size=0.2, random_state=0)
            model = ridge.fit(train_df[cols], train_df["price"])
            scored = test_df.dropna(subset=cols)  # expect: DATA040
            print(mean_absolute_error(scored["price"], model.predict(scored[cols])))
        """),
        invalid("""
            from transformers import Trainer
            def main(tok, cfg):
                imdb = load_dataset("imdb")
                imdb = imdb.filter(lambda ex: len(ex["text"]) <= cfg["max_chars"])  # expect: DATA040
                carve = imdb["train"].train_test_split(test_size=0.1, seed=0)
                train_ds, val_ds, test_ds = carve["train"], carve["test"], imdb["test"]
                print(len(train_ds), len(val_ds))
                trainer = Trainer(model=model, train_dataset=train_ds, eval_dataset=val_ds)
                return trainer.predict(test_ds)
        """, note="the test split is filtered too; only train and validation sizes are logged"),
        invalid("""
            import json
            rows = [json.loads(l) for l in open("preds.jsonl")]
            rows = [r for r in rows if r["answer"] is not None]  # expect: DATA040
            accuracy = sum(r["answer"] == r["gold"] for r in rows) / len(rows)
            print(f"accuracy {accuracy:.3f}")
        """, note="unparsed answers leave the denominator"),
        invalid("""
            from sklearn.metrics import accuracy_score
            test = test.merge(labels, on="id")  # expect: DATA040
            print(accuracy_score(test["label"], test["pred"]))
        """, note="an inner merge drops unmatched rows"),
        valid("""
            import numpy as np
            from sklearn.metrics import pairwise_distances_argmin

            def find_clusters(X, n_clusters, rseed=2):
                rng = np.random.RandomState(rseed)
                i = rng.permutation(X.shape[0])[:n_clusters]
                centers = X[i]
                while True:
                    labels = pairwise_distances_argmin(X, centers)
                    new_centers = np.array([X[labels == i].mean(0) for i in range(n_clusters)])
                    if np.all(centers == new_centers):
                        break
                    centers = new_centers
                return centers, labels
        """, note="near miss (k-means): a mean of the rows a mask selects is a centre, not an accuracy"),
        valid("""
            from sklearn.metrics import mean_absolute_error
            scored = test_df.dropna(subset=cols)
            print(f"dropped {len(test_df) - len(scored)} rows")
            print(mean_absolute_error(scored["price"], model.predict(scored[cols])))
        """, note="the drop is counted"),
        valid("""
            from sklearn.metrics import accuracy_score
            scored = test_df.dropna()
            n_dropped = len(test_df) - len(scored)
            logger.info("dropped %d", n_dropped)
            print(accuracy_score(scored["y"], model.predict(scored[cols])))
        """, note="counted through a variable that is logged"),
        valid("""
            from sklearn.metrics import r2_score
            houses = load_houses()
            print(houses.isnull().sum())
            houses = houses.dropna(axis=0)
            print(r2_score(houses["price"], model.predict(houses[cols])))
        """, note="near miss (set 19): the missing values per column are printed before the dropna: the drop is shown"),
        invalid("""
            from sklearn.metrics import r2_score
            houses = load_houses()
            print(houses.isnull().sum())
            houses = houses[houses["area"] < 4000]  # expect: DATA040
            print(r2_score(houses["price"], model.predict(houses[cols])))
        """, note="the missing counts say nothing of the rows a filter on another condition removes"),
        valid("""
            from sklearn.metrics import accuracy_score
            from sklearn.model_selection import train_test_split
            df = df.dropna()
            X_train, X_test, y_train, y_test = train_test_split(df[cols], df["y"], random_state=0)
            print(accuracy_score(y_test, model.fit(X_train, y_train).predict(X_test)))
        """, note="cleaning before the split"),
        valid("""
            from sklearn.linear_model import LogisticRegression
            from sklearn.metrics import accuracy_score
            train_df = train_df.dropna()
            model = LogisticRegression().fit(train_df[cols], train_df["y"])
            print(accuracy_score(test_df["y"], model.predict(test_df[cols])))
        """, note="training rows dropped: they reach the metric only through the fitted model"),
        valid("""
            done = [r for r in rows if r["finish_reason"] != "length"]
            correct = sum(r["reply"] == r["gold"] for r in done)
            summary = {"acc": correct / len(done), "n_scored": len(done), "n_truncated": len(rows) - len(done)}
        """, note="excluded rows are counted in the saved summary"),
        valid("""
            files = [f for f in os.listdir(d) if f.endswith(".json")]
            preds = [load(f) for f in files]
            print(sum(p == g for p, g in zip(preds, gold)) / len(gold))
        """, note="selecting files by name is not dropping rows"),
        valid("""
            cols = df.filter(like="feat_").columns
            print(accuracy_score(df["y"], model.predict(df[cols])))
        """, note="pandas filter selects columns"),
        valid("""
            mean_lot = homes["lot"].dropna().mean()
            homes["lot"] = homes["lot"].fillna(mean_lot)
            print(mean_absolute_error(homes["y"], model.predict(homes[cols])))
        """, note="a statistic of the surviving values, not a row drop"),
        invalid("""
            import pandas as pd
            judged = pd.read_json("judged.jsonl", lines=True)
            judged = judged.dropna()  # expect: DATA040
            print(judged.groupby("model")["judge_score"].mean())
        """, note="dropna over all columns before the mean judge score"),
        valid("""
            import pandas as pd
            judged = pd.read_json("judged.jsonl", lines=True)
            scored = judged.dropna(subset=["judge_score"])
            print(f"no score for {len(judged) - len(scored)} of {len(judged)}")
            print(scored.groupby("model")["judge_score"].mean())
        """, note="near miss: the dropped count is printed"),
        valid("""
            from sklearn.metrics import accuracy_score
            X_train, X_test, y_train, y_test = X[:60000], X[60000:], y[:60000], y[60000:]
            print(accuracy_score(y_test, clf.fit(X_train, y_train).predict(X_test)))
        """, note="near miss (MNIST): `[:n]` with its `[n:]` complement is a split"),
        valid("""
            import numpy as np
            calib = np.random.default_rng(0).permutation(len(scores)) < 1000
            cal_scores, val_scores = scores[calib, :], scores[~calib, :]
            cal_labels, val_labels = labels[calib], labels[~calib]
            qhat = np.quantile(cal_scores[np.arange(1000), cal_labels], 0.9)
            print((val_scores[np.arange(len(val_labels)), val_labels] >= qhat).mean())
        """, note="near miss: a boolean mask and its complement split the rows into calibration and validation"),
        valid("""
            def budget_effect(df, model):
                runs = df[df["model"] == model]
                lo, hi = runs["budget"].min(), runs["budget"].max()
                low_acc = runs[runs["budget"] == lo]["correct"].mean()
                high_acc = runs[runs["budget"] == hi]["correct"].mean()
                print(f"{model}: {low_acc:.3f} -> {high_acc:.3f}")
        """, note="near miss (held-out set 17): each condition's rows selected by the same column, to compare them"),
        invalid("""
            def budget_accuracy(df, model):
                runs = df[df["model"] == model]
                answered = runs[runs["status"] == "ok"]  # expect: DATA040
                print(f"{model}: {answered['correct'].mean():.3f}")
        """, note="the twin: one selection that keeps the answered rows; the others are lost uncounted"),
        invalid("""
            import numpy as np
            val_scores = scores[~np.isnan(scores).any(axis=1)]  # expect: DATA040
            val_labels = labels[~np.isnan(scores).any(axis=1)]
            print((val_scores.argmax(1) == val_labels).mean())
        """, note="the twin: only the rows the mask keeps are used; the others are lost uncounted"),
        valid("""
            from sklearn.metrics import accuracy_score
            def acc_score(golds, preds):
                scores = []
                for gold, pred in zip(golds, preds):
                    n = min(len(gold), len(pred))
                    gold = gold[:n]
                    pred = pred[:n]
                    scores.append(accuracy_score(gold, pred))
                return sum(scores) / len(scores)
        """, note="near miss: the tag sequence of one item is aligned, no item is dropped"),
        valid("""
            import numpy as np
            def decode(batch_scores, batch_lens):
                spans = []
                for idx, seq_len in enumerate(batch_lens):
                    score = batch_scores[idx][:seq_len, :seq_len, :]
                    spans.append(np.mean(score == score.max()))
                print(np.mean(spans))
        """, note="near miss (held-out set 19): each sentence's padded square of scores cut to its own length, handed out by the loop: padding removed, no item dropped"),
        invalid("""
            import numpy as np
            def report(scores, labels, n_answered):
                for model in scores:
                    kept = scores[model][:n_answered]  # expect: DATA040
                    print(model, np.mean(kept == labels))
        """, note="the twin: one model's rows cut to a count made elsewhere, inside a loop over models"),
        valid("""
            from scipy.stats import spearmanr
            df = events[events.type == "match"]
            sel = df[~df["solver_id"].str.contains("raw")]
            print((sel.y == sel.expected).mean())
            both = pd.merge(board_1, board_2, left_index=True, right_index=True)
            print(spearmanr(both["a"], both["b"]))
        """, note="near miss: named subsets chosen by design; an agreement exists only on shared items"),
        valid("""
            import pandas as pd
            from sklearn.metrics import mean_absolute_error
            def evaluate(model, sales, cutoff):
                holdout = sales[sales["order_date"] >= cutoff]
                print("MAE", mean_absolute_error(holdout.units, model.predict(holdout[FEATURES])))
            def backtest(model, sales):
                recent = sales[sales.year >= 2022]
                print("MAE", mean_absolute_error(recent.units, model.predict(recent[FEATURES])))
        """, note="near miss: a time window chosen by design (a temporal hold-out, a study period)"),
        invalid("""
            import pandas as pd
            from sklearn.metrics import mean_absolute_error
            def evaluate(model, runs):
                finished = runs[runs.duration_s < 600]  # expect: DATA040
                print("MAE", mean_absolute_error(finished.target, model.predict(finished[FEATURES])))
        """, note="a threshold on a measurement drops the slow runs: not a time window"),
        valid("""
            import pandas as pd
            from sklearn.metrics import mean_absolute_percentage_error
            df = pd.read_csv("data/daily.csv", parse_dates=["ds"]).sort_values("ds")
            cut = df["ds"].max() - pd.Timedelta(days=60)
            train, test = df[df["ds"] <= cut], df[df["ds"] > cut]
            model.fit(train)
            print("holdout MAPE", mean_absolute_percentage_error(test["y"], model.predict(test)["yhat"]))
        """, note="near miss (probe 15, Prophet): the rows on either side of one cut point are a split, whatever the column is called"),
        invalid("""
            import pandas as pd
            from sklearn.metrics import mean_absolute_percentage_error
            df = pd.read_csv("data/daily.csv", parse_dates=["ds"]).sort_values("ds")
            cut = df["ds"].max() - pd.Timedelta(days=60)
            train, test = df[df["ds"] <= cut], df[df["ds"] > cut]
            clean = test[test["latency_ms"] < 500]  # expect: DATA040
            print("holdout MAPE", mean_absolute_percentage_error(clean["y"], model.predict(clean)["yhat"]))
        """, note="a threshold whose other side is never taken drops rows (the slow days)"),
        invalid("""
            import dask.dataframe as dd
            from sklearn.metrics import roc_auc_score
            scores = dd.read_parquet("outputs/scores/*.parquet")
            joined = scores.dropna()  # expect: DATA040
            pdf = joined.compute()
            print("AUC", roc_auc_score(pdf["died_90d"], pdf["risk"]))
        """, note="probe 15: dask's `.compute()` materialises the rows left after the drop"),
        valid("""
            import dask.dataframe as dd
            from sklearn.metrics import roc_auc_score
            scores = dd.read_parquet("outputs/scores/*.parquet")
            joined = scores.dropna(subset=["risk"])
            pdf = joined.compute()
            print(f"AUC on {len(pdf)} of {len(scores)} patients", roc_auc_score(pdf["died_90d"], pdf["risk"]))
        """, note="near miss: the rows kept are counted beside the metric"),
        valid("""
            import pandas as pd
            from sklearn.metrics import mean_absolute_error
            def backtest(model, load, cut):
                fit_part, later = load.query("ts <= @cut"), load.query("ts > @cut")
                model.fit(fit_part[FEATURES], fit_part.load_mw)
                print("MAE", mean_absolute_error(later.load_mw, model.predict(later[FEATURES])))
        """, note="near miss: `query` of a time window (a temporal hold-out)"),
        invalid("""
            import pandas as pd
            from sklearn.metrics import mean_absolute_error
            def evaluate(model, runs, limit):
                finished = runs.query("duration_s < @limit")  # expect: DATA040
                print("MAE", mean_absolute_error(finished.target, model.predict(finished[FEATURES])))
        """, note="the same `query` on a measurement drops rows"),
        invalid("""
            import polars as pl
            def summarise(path):
                runs = pl.read_csv(path)
                graded = runs.drop_nulls("reward")  # expect: DATA040
                table = graded.group_by("policy").agg(pl.col("reward").mean().alias("mean_reward"))
                print(table)
        """, note="polars: `drop_nulls` before a grouped mean of a score"),
        invalid("""
            import polars as pl
            from sklearn.metrics import mean_absolute_error
            runs = pl.read_parquet("runs/predictions.parquet")
            scored = runs.filter(pl.col("status") == "ok")  # expect: DATA040
            print("MAE", mean_absolute_error(scored["target"].to_numpy(), scored["pred"].to_numpy()))
        """, note="a polars filter on a status column drops the failed runs"),
        valid("""
            import polars as pl
            from sklearn.metrics import mean_absolute_error
            df = pl.read_parquet("data/listings.parquet")
            train = df.filter(pl.col("split") == "train")
            test = df.filter(pl.col("split") == "test")
            print("MAE", mean_absolute_error(test["price"].to_numpy(), model.predict(test.select(FEATS).to_numpy())))
        """, note="near miss (held-out probe 19): a polars filter naming a split picks a subset, like the pandas mask"),
        valid("""
            import polars as pl
            def summarise(path):
                runs = pl.read_csv(path)
                graded = runs.drop_nulls("reward")
                print(f"{runs.height - graded.height} of {runs.height} runs have no reward")
                table = graded.group_by("policy").agg(pl.col("reward").mean().alias("mean_reward"))
                print(table)
        """, note="near miss: the rows without a reward are counted (`.height`)"),
        valid("""
            import polars as pl
            from sklearn.metrics import mean_absolute_error
            frame = (pl.read_parquet("grid_load.parquet")
                     .with_columns(pl.col("load_mw").shift(24).over("zone").alias("lag_24"))
                     .drop_nulls())
            fit_rows = frame.filter(pl.col("timestamp") < split_ts)
            hold = frame.filter(pl.col("timestamp") >= split_ts)
            model = fit(fit_rows)
            print("MAE", mean_absolute_error(hold["load_mw"], model.predict(hold.select(FEATS).to_numpy())))
        """, note="near miss (probe 6): a polars frame cut at a time is a temporal split, not rows lost; "
                  "the lag's warm-up rows dropped before it are cleaning"),
        invalid("""
            import polars as pl
            from sklearn.metrics import mean_absolute_error
            frame = pl.read_parquet("grid_load.parquet")
            hold = frame.filter(pl.col("meter_latency_ms") < 500)  # expect: DATA040
            print("MAE", mean_absolute_error(hold["load_mw"], model.predict(hold.select(FEATS).to_numpy())))
        """, note="the twin: a threshold on a measurement drops rows before the score"),
        invalid("""
            import numpy as np
            def report(items, judge):
                scores = [judge(it) for it in items]
                print("mean judge score", np.mean([s for s in scores if s is not None]))  # expect: DATA040
        """, note="the Nones a judge returned are filtered inside the mean"),
        valid("""
            for seed in range(1, 6):
                df = load_logs(seed)
                if seed == 1:
                    wide = df
                else:
                    wide = wide.merge(df, on="question_id", suffixes=("", seed))
            print(wide["correct_1"].mean())
        """, note="near miss: runs of the same items joined side by side, one per loop step"),
        valid("""
            import json
            import evaluate
            from datasets import load_dataset

            def score(args):
                outputs = [json.loads(l)["answer"] for l in open(args.outputs)][: args.limit]
                docs = load_dataset("gsm8k", "main", split="test").select(range(len(outputs)))
                print(evaluate.load("exact_match").compute(predictions=outputs, references=docs["answer"]))
        """, note="near miss: the dataset is cut to the outputs of a `--limit`ed run, each output paired with its row; no output is dropped"),
        valid("""
            import pandas as pd
            from sklearn.metrics import accuracy_score
            preds = pd.read_csv(run_dir / "predictions.csv")
            test_df = pd.read_csv("data/test.csv")
            gold = test_df[: len(preds)]
            print(accuracy_score(gold["label"], preds["label"]))
        """, note="near miss: the test rows cut to the predictions there are, one row per prediction"),
        invalid("""
            import pandas as pd
            from sklearn.metrics import accuracy_score
            preds = pd.read_csv(run_dir / "predictions.csv")
            test_df = pd.read_csv("data/test.csv")
            gold = test_df[: len(test_df) // 2]  # expect: DATA040
            print(accuracy_score(gold["label"], preds["label"]))
        """, note="half of the test rows, cut by their own length: a shortened evaluation, not a pairing"),
        valid("""
            import json
            import evaluate
            from datasets import load_dataset

            def score(args):
                outputs = [json.loads(l)["answer"] for l in open(args.outputs)]
                docs = load_dataset("gsm8k", "main", split="test").select(range(100))
                print(evaluate.load("exact_match").compute(predictions=outputs, references=docs["answer"]))
        """, note="near miss: a fixed subset of 100 problems written in the code is an intended size a reader sees (no failed row is dropped)"),
        invalid("""
            import asyncio
            async def main(items, grade):
                results = await asyncio.gather(*(grade(it) for it in items), return_exceptions=True)
                ok = [r for r in results if not isinstance(r, Exception)]  # expect: DATA040
                print("accuracy", sum(r["pred"] == r["gold"] for r in ok) / len(ok))
        """, note="gather's exceptions are filtered out before the accuracy, uncounted"),
        valid("""
            import numpy as np
            def per_category(completions):
                categories = [c["category"] for c in completions]
                rates = {}
                for category in sorted(set(categories)):
                    rows = [c for c in completions if c["category"] == category]
                    rates[category] = np.mean([c["jailbroken"] for c in rows])
                print(rates, np.mean([c["jailbroken"] for c in completions]))
        """, note="near miss: the records of one category per loop step, a breakdown: every row is in a group"),
        invalid("""
            import numpy as np
            def per_category(completions):
                rows = [c for c in completions if c["judged"]]  # expect: DATA040
                print(np.mean([c["jailbroken"] for c in rows]))
        """, note="the records the judge did not grade are dropped before the rate, uncounted"),
        valid("""
            import asyncio
            async def main(items, grade):
                results = await asyncio.gather(*(grade(it) for it in items), return_exceptions=True)
                ok = [r for r in results if not isinstance(r, Exception)]
                print(f"{len(results) - len(ok)} of {len(results)} calls failed")
                print("accuracy", sum(r["pred"] == r["gold"] for r in ok) / len(ok))
        """, note="near miss: the failed calls are counted"),
        valid("""
            from sklearn.metrics import balanced_accuracy_score

            def main(words, labels, predict):
                sentences, mask = filter_sentences([" ".join(w) for w in words])
                words = [w for m, w in zip(mask, words) if m]
                labels = [t for m, t in zip(mask, labels) if m]
                lines = [[]]
                for w in words:
                    lines[-1].append(w)
                    lines.append([])
                lines = lines[:-1]
                preds = predict(lines)
                print(balanced_accuracy_score(sum(labels, []), sum(preds, [])))
        """, note="near miss (held-out 10): a precomputed mask applied to aligned lists (the cut is made where the "
                  "mask is), and `[:-1]` leaving out a count written in the code"),
        invalid("""
            from sklearn.metrics import accuracy_score

            def main(golds, predict):
                preds = [predict(g) for g in golds]
                kept = [(p, g) for p, g in zip(preds, golds) if p]  # expect: DATA040
                print(accuracy_score([g for _, g in kept], [p for p, _ in kept]))
        """, note="the twin: the tested element is the prediction itself, a failed one is dropped"),
        valid("""
            import pandas as pd
            from sklearn.metrics import mean_absolute_percentage_error
            df = pd.read_csv("data/daily_sales.csv", parse_dates=["date"]).sort_values(["store", "date"])
            df["sales_lag_7"] = df.groupby("store")["sales"].shift(7)
            df["sales_7d_mean"] = df.groupby("store")["sales"].transform(lambda s: s.shift(1).rolling(7).mean())
            df = df.dropna(subset=["sales_lag_7", "sales_7d_mean"])
            test = df[df.store.isin(held_out_stores)]
            print("MAPE", mean_absolute_percentage_error(test["sales"], model.predict(test[FEATURES])))
        """, note="near miss (probe 8): the rows a lag and a window leave empty, dropped by construction"),
        valid("""
            import pandas as pd
            from sklearn.model_selection import cross_val_score
            load = pd.read_csv("data/hourly_load.csv", parse_dates=["ts"]).set_index("ts").sort_index()
            for lag in (1, 24, 168):
                load[f"lag_{lag}"] = load["mw"].shift(lag)
            load = load.dropna()
            scores = cross_val_score(model, load.drop(columns=["mw"]), load["mw"], cv=cv)
            print(f"CV MAE {-scores.mean():.2f}")
        """, note="near miss (probe 8): `dropna()` right after lag columns are made in a loop"),
        invalid("""
            import pandas as pd
            df = pd.read_csv("runs/judged.csv")
            df["prev_score"] = df.groupby("model")["judge_score"].shift(1)
            df = df.dropna(subset=["judge_score"])  # expect: DATA040
            print(df.groupby("model")["judge_score"].mean())
        """, note="the twin: the column dropped on is the judge's score, not the lag made from it"),
        valid("""
            import torch
            from sklearn.metrics import accuracy_score
            def test_metrics(self):
                preds, ys = [], []
                with torch.no_grad():
                    for x, y in self.test_loader:
                        rep = self.model.base(x)
                        out = self.model.head(rep) + self.head(rep.detach())
                        preds.append(out.argmax(1))
                        ys.append(y)
                print(accuracy_score(torch.cat(ys), torch.cat(preds)))
        """, note="near miss (held-out 12): `self.model.head(rep)`, `self.head(rep)`: a network's classifier layer, not `DataFrame.head(n)`"),
        invalid("""
            import pandas as pd
            from sklearn.metrics import accuracy_score
            def report(self, n):
                scored = self.results.head(n)  # expect: DATA040
                print(accuracy_score(scored["gold"], scored["pred"]))
        """, note="the twin: the first n rows of a results frame before the accuracy"),
        valid("""
            import polars as pl
            from sklearn.metrics import mean_absolute_error
            from sklearn.model_selection import KFold


            def cross_validate(frame: pl.DataFrame, make_model, n_splits=5):
                days = frame["day"].unique().sort()
                scores = []
                for fold, (trn_days, valid_days) in enumerate(KFold(n_splits).split(days)):
                    fit_part = frame.filter(pl.col("day").is_in(trn_days))
                    held = frame.filter(pl.col("day").is_in(valid_days))
                    model = make_model().fit(fit_part.drop("y").to_pandas(), fit_part["y"].to_pandas())
                    scores.append(mean_absolute_error(held["y"].to_pandas(), model.predict(held.drop("y").to_pandas())))
                print("CV MAE", sum(scores) / len(scores))
        """, note="held-out set 29: a cross-validation fold's rows picked by their day ids (`valid_days` bound beside the training part's `trn_days`): the validation part of a split, no row dropped"),
        valid("""
            from sklearn.metrics import mean_absolute_error
            from sklearn.model_selection import GroupKFold


            def cross_validate(df, make_model, features):
                for train_ids, valid_ids in GroupKFold(5).split(df, groups=df["store"]):
                    fit_rows = df[df.index.isin(train_ids)]
                    held = df[df.index.isin(valid_ids)]
                    model = make_model().fit(fit_rows[features], fit_rows["y"])
                    print("fold MAE", mean_absolute_error(held["y"], model.predict(held[features])))
        """, note="the same split with pandas: `isin` of the validation fold's ids"),
        invalid("""
            import polars as pl
            from sklearn.metrics import mean_absolute_error


            def score_days(frame: pl.DataFrame, model):
                valid_days = frame.filter(pl.col("y").is_not_null() & pl.col("x").is_not_null())["day"]
                held = frame.filter(pl.col("day").is_in(valid_days))  # expect: DATA040
                print("MAE", mean_absolute_error(held["y"].to_pandas(), model.predict(held.drop("y").to_pandas())))
        """, note='the twin: `valid_days` are the days whose values are not missing, no part of a split: rows lost'),
        valid({"quickstart.ipynb": notebook(
            """
            import json
            import datasets
            import numpy as np
            stream = datasets.load_dataset("org/pairs", split="test", streaming=True)
            shown = list(stream.take(6))
            for ex in shown:
                ex["votes"] = json.loads(ex["votes"])
            # keep the examples that have human votes
            shown = [ex for ex in shown if ex["votes"]]
            """,
            """
            for ex in shown:
                print(ex["prompt"], np.mean([c["score"] for c in ex["candidates"]]))
            """)}, note="held-out set 30: a usage notebook shows its API on a handful of examples taken by a literal "
                        "count (`take(6)`); a number over at most ten rows is an illustration, not a reported score"),
        invalid({"quickstart.ipynb": notebook(
            """
            import json
            import datasets
            import numpy as np
            stream = datasets.load_dataset("org/pairs", split="test", streaming=True)
            shown = list(stream.take(600))
            for ex in shown:
                ex["votes"] = json.loads(ex["votes"])
            # keep the examples that have human votes
            shown = [ex for ex in shown if ex["votes"]]  # expect: DATA040
            """,
            """
            print(np.mean([c["score"] for ex in shown for c in ex["candidates"]]))
            """)}, note="the twin: 600 examples taken: the filtered set is a test sample whose mean is a result"),
    ]

    def __init__(self, ctx) -> None:
        Rule.__init__(self, ctx)
        self.rows = shared_rows(ctx, self)
        self.walkers = (self.rows,)

    def finish(self) -> None:
        self.rows.close()
        for scope in self.rows.scopes:
            seen: set[tuple[int, object]] = set()
            for flow in self.rows.flows(scope):
                if flow.counted or warm_up_drop(scope.events, flow.event):
                    continue  # counted, or the warm-up rows a lag or a window leaves empty (by construction)
                if flow.drop.kind in ("inner merge", "inner join") and flow.sink.label in CORRELATION_LABELS:
                    continue  # an agreement between two sources exists only on the items they share
                if flow.drop.kind == "drop_duplicates":
                    continue  # a copy removed is no item lost: the de-duplication is the intent (LEAK-OVERLAP asks where)
                if self._handful(scope, flow):
                    continue  # a demo on a handful of examples (`take(8)`): a number over so few rows illustrates an API
                keys = [(id(flow.sink.node), flow.drop.bounds)] if flow.drop.bounds else []
                if flow.drop.kind == "boolean mask" and isinstance(flow.drop.node, cst.Subscript) \
                        and _IGNORE_LABEL.search(self.ctx.code(flow.drop.node.slice[0])):
                    continue  # `pred[target != ignore_index]`: positions the metric excludes by definition
                if flow.drop.kind == "boolean mask" and isinstance(flow.drop.node, cst.Subscript):
                    # `labels[scores >= 0]` and `scores[scores >= 0]`: one mask, one finding
                    mask = " ".join(self.ctx.code(flow.drop.node.slice[0]).split())
                    # `pos[~np.isnan(pos)]` and `neg[~np.isnan(neg)]` into one curve: one filter, one finding
                    own = " ".join(self.ctx.code(flow.drop.node.value).split())
                    keys = [(id(flow.sink.node), mask), (id(flow.sink.node), "self:" + mask.replace(own, "_"))]
                if keys:  # `gold[:n]` and `pred[:n]`: one truncation, one finding
                    if any(key in seen for key in keys):
                        continue
                    seen.update(keys)
                drop_code = " ".join(self.ctx.code(flow.drop.node).split())
                if len(drop_code) > MAX_SHOWN:
                    drop_code = drop_code[: MAX_SHOWN - 3] + "..."
                sink_line = self.ctx.line_of(flow.sink.node)
                sink_where = self._where(flow.sink.node, sink_line)
                kind = flow.drop.kind
                if kind == "dropna" and _all_columns(flow.drop.node):
                    kind = "dropna over all columns: a missing value anywhere drops the row"
                self.report(flow.drop.node, drop=drop_code, kind=kind,
                            source="` and `".join(sorted(flow.drop.sources)) or "the data", metric=flow.sink.label,
                            sink_where=sink_where, related=[Location(self.ctx.path, sink_line, "metric")],
                            extra={"ask": ask} if (ask := self._weak_evidence(scope, flow)) else None)

    def _handful(self, scope, flow) -> bool:  # type: ignore[no-untyped-def]
        """The rows filtered were taken just before by a literal count of at most `_HANDFUL`
        (`few = list(stream.take(8))`, `df.head(5)`, `rows[:8]`, `ds.select(range(8))`): a usage notebook
        showing its API on a few examples (held-out set 30). A mean over so few rows is an illustration,
        never a reported score, whatever the filter drops."""
        if scope.node is None or not flow.drop.sources:
            return False
        at = self.ctx.line_of(flow.drop.node) or 0
        for source in flow.drop.sources:
            bound = None
            for node in iter_nodes(scope.node):
                if isinstance(node, cst.Assign) and len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name) \
                        and node.targets[0].target.value == source and (self.ctx.line_of(node) or 0) < at:
                    bound = node
            if bound is None or not any(_literal_cap(n) for n in iter_nodes(bound.value)):
                return False
        return True

    def _weak_evidence(self, scope, flow) -> str:  # type: ignore[no-untyped-def]
        """Why the drop is a checklist question rather than a finding: the score its rows reach is not
        shown to be a number anyone reads (a figure, or a value this scope only hands back)."""
        if named_for_figures(self.ctx.path):
            return "a file named for making figures"  # the drop shapes a picture
        destination = metric_destination(scope, flow.sink)
        if destination == "figure":
            return "the score it reaches is only drawn in a chart"
        if not destination and not (isinstance(scope.node, cst.FunctionDef) and any(
                scope.node.name.value in other.calls for other in self.rows.scopes if other is not scope)):
            return "the score it reaches is handed back to a caller; this file does not report it"
        return ""

    def _where(self, node: cst.CSTNode, line: int | None) -> str:
        if self.ctx.notebook is not None:
            pos = self.ctx.position(node)
            if pos is not None:
                cell, cell_line, _ = self.ctx.notebook.locate(pos.start.line)
                return f"cell {cell}, line {cell_line}"
        return f"{self.ctx.path}:{line}" if line else self.ctx.path

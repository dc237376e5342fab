"""hygiene.analysis.rowflow and hygiene.analysis.apis.rows: which drops reach which metric, and what counts them."""
from __future__ import annotations

import textwrap

import libcst as cst

from hygiene.analysis.apis.rows import drop_of
from hygiene.config import Config
from hygiene.context import FileContext
from hygiene.analysis.names import NameResolver
from hygiene.analysis.rowflow import RowFlow
from hygiene.walk import Dispatch, walk


class _Probe(RowFlow):
    pass


def flows(source: str, kind: str = "python") -> list[tuple[str, str, bool]]:
    """(drop kind, metric, counted) for every drop that reaches a metric."""
    text = textwrap.dedent(source).lstrip("\n")
    module = cst.parse_module(text)
    resolver = NameResolver(module, "example")
    ctx = FileContext("example.py", kind, text, Config(), module, resolver)
    probe = _Probe(ctx)
    walk(module, Dispatch([resolver, probe]), ctx.parents)
    probe.close()
    return [(f.drop.kind, f.sink.label, f.counted) for scope in probe.scopes for f in probe.flows(scope)]


def drop_kind(expression: str) -> str | None:
    module = cst.parse_module(textwrap.dedent(expression))
    ctx = FileContext("example.py", "python", expression, Config(), module, NameResolver(module, "example"))
    value = module.body[0].body[0].value  # type: ignore[attr-defined]
    found = drop_of(value, ctx)
    return found.kind if found else None


def test_what_drops_rows() -> None:
    assert drop_kind("df.dropna(subset=['x'])") == "dropna"
    assert drop_kind("df.dropna(axis=1)") is None
    assert drop_kind("df.dropna(axis='columns')") is None
    assert drop_kind("a.merge(b, on='id')") == "inner merge"
    assert drop_kind("a.merge(b, on='id', how='left')") is None
    assert drop_kind("a.join(b)") is None
    assert drop_kind("df[df['x'] > 0]") == "boolean mask"
    assert drop_kind("df.loc[df.x.notna(), cols]") == "boolean mask"
    assert drop_kind("df[cols]") is None
    assert drop_kind("rows[:n]") == "slice to n"
    assert drop_kind("rows[:100]") is None  # an intended size written in the code
    assert drop_kind("ds.select(range(500))") is None and drop_kind("df.head(1000)") is None
    assert drop_kind("rows[1:]") is None
    assert drop_kind("ds.filter(lambda ex: ex['n'] < 512)") == ".filter"
    assert drop_kind("df.filter(like='feat_')") is None
    assert drop_kind("ds.select(range(args.n))") == "select(range(n))"
    assert drop_kind("df.dropna().reset_index(drop=True)[cols]") == "dropna"
    assert drop_kind("df['x'].dropna().mean()") is None
    assert drop_kind("[r for r in rows if r['ok']]") == "filtering comprehension"
    assert drop_kind("[f for f in files if f.endswith('.json')]") is None


def test_a_drop_reaches_a_metric_through_assignments_and_loops() -> None:
    assert flows("""
        from sklearn.metrics import f1_score
        kept = test.dropna()
        y_true, y_pred = [], []
        for row in kept.itertuples():
            y_true.append(row.label)
            y_pred.append(model(row.text))
        print(f1_score(y_true, y_pred))
    """) == [("dropna", "f1_score", False)]


def test_constant_keys_are_kept_apart() -> None:
    assert flows("""
        from sklearn.metrics import accuracy_score
        ds["train"] = ds["train"].filter(lambda ex: ex["label"] is not None)
        print(accuracy_score(ds["test"]["label"], model.predict(ds["test"]["x"])))
    """) == []
    assert flows("""
        from sklearn.metrics import accuracy_score
        ds["test"] = ds["test"].filter(lambda ex: ex["label"] is not None)
        print(accuracy_score(ds["test"]["label"], model.predict(ds["test"]["x"])))
    """) == [(".filter", "accuracy_score", False)]


def test_reassignment_from_other_data_ends_the_flow() -> None:
    assert flows("""
        from sklearn.metrics import accuracy_score
        test = test.dropna()
        test = load_fresh_copy()
        print(accuracy_score(test.y, model.predict(test.x)))
    """) == []


def test_counts_in_reports_and_count_variables() -> None:
    counted = flows("""
        from sklearn.metrics import accuracy_score
        kept = test.dropna()
        assert len(kept) > 0.9 * len(test)
        print(accuracy_score(kept.y, model.predict(kept.x)))
    """)
    assert counted == [("dropna", "accuracy_score", True)]
    not_a_count = flows("""
        kept = [r for r in rows if r["pred"] is not None]
        acc = sum(r["pred"] == r["gold"] for r in kept) / len(kept)
        print(acc)
    """)
    assert not_a_count == [("filtering comprehension", 'sum(r["pred"] == r["gold"] for r in kept)', False)]


def test_a_notebook_shows_bare_sizes() -> None:
    source = """
        from sklearn.metrics import accuracy_score
        kept = test.dropna()
        kept.shape
        accuracy_score(kept.y, model.predict(kept.x))
    """
    assert flows(source, kind="notebook") == [("dropna", "accuracy_score", True)]
    assert flows(source, kind="python") == [("dropna", "accuracy_score", False)]


def test_a_slice_is_counted_when_its_bound_is_reported() -> None:
    assert flows("""
        from sklearn.metrics import accuracy_score
        subset = test[:args.limit]
        print({"limit": args.limit, "acc": accuracy_score(subset.y, model.predict(subset.x))})
    """) == [("slice to n", "accuracy_score", True)]


def test_an_average_not_named_a_score_counts_only_when_reported_and_only_for_lossy_drops() -> None:
    printed = """
        def main(rows):
            kept = [r for r in rows if r is not None]
            avg = sum(kept) / len(kept)
            print(avg)
        """
    assert [(k, c) for k, _, c in flows(printed)] == [("None filter", False)]
    assert flows(printed.replace("print(avg)", "other = avg")) == []  # never reported
    assert flows(printed.replace("print(avg)", "print(avg, len(kept))"))[0][2] is True  # counted
    helper = """
        def helper(rows):
            kept = [r for r in rows if r is not None]
            return sum(kept) / len(kept)
        """
    assert flows(helper) == []  # a helper's return is not a report; `main`'s would be
    assert len(flows(helper.replace("def helper", "def main"))) == 1
    subgroup = """
        solved = [x["size"] for x in metrics if x["success"]]
        print(sum(solved) / len(solved))
        """
    assert flows(subgroup) == []  # a subgroup selected by content, not rows lost
    grouped = """
        import pandas as pd
        df = pd.read_csv("r.csv").merge(pd.read_csv("t.csv"), on="id")
        df.groupby("t")["v"].agg(["mean"]).to_csv("o.csv")
        """
    assert [(k, c) for k, _, c in flows(grouped)] == [("inner merge", False)]
    assert flows(grouped.replace('["mean"]', '["mean", "size"]'))[0][2] is True  # each group's size is written
    same = """
        import pandas as pd
        def main(res):
            a = pd.DataFrame(res.groupby("k").apply(f))
            b = pd.DataFrame(res.groupby("k").apply(g))
            m = a.merge(b, left_index=True, right_index=True)
            print(m["x"].mean())
        """
    assert flows(same) == []  # two views of one frame share their keys


def test_a_none_filter_through_list_before_a_written_statistics_mean() -> None:
    source = """
        import json, statistics
        def main(vals):
            vals = list(filter(None, vals))
            json.dump({"m": statistics.mean(vals)}, open("r.json", "w"))
        """
    assert [(k, c) for k, _, c in flows(source)] == [("None filter", False)]
    assert flows(source.replace("statistics.mean(vals)", "statistics.mean(vals), 'n': len(vals)"))[0][2] is True
    centre = """
        import numpy as np
        def main(X):
            X = X.dropna()
            print(np.mean(X, 0))
        """
    assert flows(centre) == []  # a mean along an axis is a centre, not a reported score


def destinations(source: str) -> set[str]:
    """hygiene.analysis.rowreach.metric_destination of every flow's metric."""
    from hygiene.analysis.rowreach import metric_destination
    text = textwrap.dedent(source).lstrip("\n")
    module = cst.parse_module(text)
    resolver = NameResolver(module, "example")
    ctx = FileContext("example.py", "python", text, Config(), module, resolver)
    probe = _Probe(ctx)
    walk(module, Dispatch([resolver, probe]), ctx.parents)
    probe.close()
    return {metric_destination(scope, f.sink) for scope in probe.scopes for f in probe.flows(scope)}


def test_where_the_score_of_a_metric_goes() -> None:
    body = """
        from sklearn.metrics import roc_auc_score
        import wandb
        def {name}(scores, labels):
            y = labels[scores >= 0]
            s = scores[scores >= 0]
            {use}
    """
    def dest(name: str, use: str) -> set[str]:
        return destinations(body.format(name=name, use=use))
    assert dest("helper", "print(roc_auc_score(y, s))") == {"reported"}
    assert dest("helper", "auc = roc_auc_score(y, s)\n            results['auc'] = auc\n            logger.info(results)") == {"reported"}
    assert dest("helper", "return roc_auc_score(y, s)") == {""}
    assert dest("evaluate", "return roc_auc_score(y, s)") == {"reported"}
    assert dest("helper", "auc = roc_auc_score(y, s)\n            run.log({'auc': wandb.plot.line(auc)})") == {"figure"}
    assert dest("helper", "auc = roc_auc_score(y, s)\n            run.log({'auc': auc})") == {"reported"}


def test_a_drop_per_element_of_a_tuple_assignment_and_a_score_kept_in_a_list() -> None:
    source = """
        import numpy as np
        from sklearn.metrics import roc_auc_score
        def helper(frame, rows):
            aucs = []
            for part in frame:
                pos, neg = part[~np.isnan(part)], rows
                aucs.append(roc_auc_score(pos, neg))
            {use}
    """
    assert [kind for kind, _, _ in flows(source.format(use="print(aucs)"))] == ["boolean mask"]
    assert destinations(source.format(use="print(aucs)")) == {"reported"}
    assert destinations(source.format(use="return aucs")) == {""}

"""The dataflow layer on its own: graphs per file, linking across functions and files, lines, queries."""
from __future__ import annotations

import dataclasses
import json
import textwrap
from pathlib import Path

import libcst as cst
import pytest

from hygiene.config import load
from hygiene.analysis.dataflow import knowledge as kb
from hygiene.analysis.dataflow.lines import Lines
from hygiene.analysis.dataflow.program import Program, Ref, program
from hygiene.analysis.dataflow.queries import (call_name, evaluations, fits_of, loop_node, module_binding, parameters,
                                              returns, role, role_via, rows_key, same_file, value_name)
from hygiene.ruleset import load_rules
from hygiene.runner import scan


def build(root: Path, files: dict[str, str], rules: list | None = None) -> tuple[Program, object]:
    """Scan `files` with the layer (and only `rules`, none by default: the layer is what is tested)."""
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    result = scan(dataclasses.replace(load(root), exclude=(".git/",)), jobs=1, use_cache=False, rules=rules or [])
    return program(result.repo), result  # type: ignore[attr-defined]


def named(prog: Program, name: str, kind: str | None = None, path: str | None = None) -> Ref:
    """The node first bound to variable `name` (optionally of a kind, in a file)."""
    for index, graph in enumerate(prog.graphs):
        if path is not None and graph.path != path:
            continue
        for number, node in enumerate(graph.nodes):
            if node[3].get("name") == name and (kind is None or node[0] == kind):
                return (index << 20) | number
    raise AssertionError(f"no node named {name!r}")


def of_kind(prog: Program, kind: str) -> list[Ref]:
    return list(prog.nodes(kind))


# -- names ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("name", "expected"), [
    ("X_test", "test"), ("te_idx", "test"), ("testset", "test"), ("hold_scores", "test"), ("y_val", "val"),
    ("dev_df", "val"), ("X_fit", "train"), ("trainloader", "train"), ("X_tr", "train"), ("values", None),
    ("latest", None), ("contest", None), ("train_val", None), ("frame", None), ("trainer", None),
    ("X_va", "val"), ("va_idx", "val"), ("java_files", None),
])
def test_name_role(name: str, expected: str | None) -> None:
    assert kb.name_role(name) == expected


def test_group_and_time_columns() -> None:
    assert kb.is_group_column("subject_id") and kb.is_group_column("PatientID") and kb.is_group_column("user")
    assert not kb.is_group_column("icustay_id") and not kb.is_group_column("id") and not kb.is_group_column("subject")
    assert kb.is_time_column("date") and kb.is_time_column("event_timestamp") and not kb.is_time_column("update_count")


# -- one file -----------------------------------------------------------------------------------------
def test_split_parts_carry_roles_from_names_and_positions(tmp_path: Path) -> None:
    prog, _ = build(tmp_path, {"train.py": """
        from sklearn.model_selection import train_test_split
        a, b, c, d = train_test_split(X, y, random_state=0)
        X_tr, X_dev = train_test_split(a, random_state=0)
    """})
    assert role(prog, named(prog, "a"))[0] == "train" and role(prog, named(prog, "b"))[0] == "test"
    assert role(prog, named(prog, "d"))[0] == "test"
    assert role(prog, named(prog, "X_dev"))[0] == "val"  # the name wins over the position


def test_fit_rebinds_the_receiver_and_transform_uses_the_fit(tmp_path: Path) -> None:
    prog, _ = build(tmp_path, {"prep.py": """
        from sklearn.preprocessing import StandardScaler
        scaler = StandardScaler()
        scaler.fit(X_train)
        X_test_s = scaler.transform(X_test)
    """})
    transformed = named(prog, "X_test_s")
    assert prog.kind(transformed) == "xform"
    fit = prog.input(transformed, 0)
    assert prog.kind(fit) == "fit" and prog.info(fit)["cls"] == "sklearn.preprocessing.StandardScaler"
    assert prog.info(fit)["kind"] == "preproc" and prog.info(fit)["on"] == "X_train"
    assert role(prog, transformed)[0] == "test"  # rows come from the data, not from the fitted scaler


def test_self_attributes_link_methods_of_a_class(tmp_path: Path) -> None:
    prog, _ = build(tmp_path, {"features.py": """
        from sklearn.impute import SimpleImputer
        class Featurizer:
            def __init__(self):
                self.imputer = SimpleImputer()
            def build(self, frame):
                return self.imputer.fit_transform(frame)
    """})
    [fit] = of_kind(prog, "fit")
    assert prog.info(fit)["cls"] == "sklearn.impute.SimpleImputer"
    assert prog.graphs[0].attributes["Featurizer"]["imputer"]  # rebound to the fit


def test_an_instance_attribute_read_in_another_module_is_what_the_class_stored(tmp_path: Path) -> None:
    prog, _ = build(tmp_path, {"splits.py": """
        from sklearn.model_selection import train_test_split
        class Splits:
            def __init__(self, rows):
                self.train, self.test = train_test_split(rows, random_state=0)
    """, "fit.py": """
        from splits import Splits
        parts = Splits(rows)
        chosen = parts.test
        unrelated = Other(rows).test
    """})
    assert role(prog, named(prog, "chosen", path="fit.py"))[0] == "test"
    assert role(prog, named(prog, "unrelated", path="fit.py"))[0] is None


def test_branches_merge_into_a_phi_and_guards_mark_their_body(tmp_path: Path) -> None:
    prog, _ = build(tmp_path, {"run.py": """
        import json
        items = json.load(open("q.json"))
        if args.condition == "honesty":
            items = items[:150]
        else:
            items = items[:600]
        for item in items:
            print(item)
    """})
    [loop] = of_kind(prog, "loop")
    iterated = prog.input(loop, 0)
    assert prog.kind(iterated) == "op" and prog.info(iterated)["op"] == "phi"
    cut = [n for n in of_kind(prog, "subset") if prog.info(n).get("hi") == "150"][0]
    guard = prog.guard(cut)
    assert prog.kind(guard) == "guard" and prog.info(prog.input(guard, 0))["lits"] == ["honesty"]


def test_notebook_cells_flow_in_order_and_lines_map_to_cells(tmp_path: Path) -> None:
    cells = [{"cell_type": "markdown", "metadata": {}, "source": ["# title"]},
             {"cell_type": "code", "execution_count": 1, "metadata": {}, "outputs": [],
              "source": ["import pandas as pd\n", "homes = pd.read_csv('homes.csv')"]},
             {"cell_type": "code", "execution_count": 2, "metadata": {}, "outputs": [],
              "source": ["from sklearn.model_selection import train_test_split\n",
                         "train_df, test_df = train_test_split(homes, random_state=0)"]}]
    notebook = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    prog, _ = build(tmp_path, {"prices.ipynb": json.dumps(notebook)})
    split = of_kind(prog, "split")[0]
    assert prog.kind(prog.input(split, 0)) == "src"  # the read in the cell above
    place = prog.where(split)
    assert (place["line"], place["cell"], place["cell_line"]) == (4, 2, 2)


# -- across functions and files -------------------------------------------------------------------------
def test_values_follow_calls_across_files_with_call_sites_kept_apart(tmp_path: Path) -> None:
    prog, _ = build(tmp_path, {
        "helpers.py": """
            def prepare(frame):
                return frame.dropna()
        """,
        "train.py": """
            from sklearn.model_selection import train_test_split
            from helpers import prepare
            X_train, X_test = train_test_split(X, random_state=0)
            a = prepare(X_train)
            b = prepare(X_test)
        """,
    })
    assert role(prog, named(prog, "a"))[0] == "train"
    assert role(prog, named(prog, "b"))[0] == "test"
    # Inside the helper, its parameter has both roles: no answer rather than a guess.
    frame = [n for n in of_kind(prog, "param") if prog.info(n)["name"] == "frame"][0]
    assert role(prog, frame)[0] is None


def test_tuple_returns_keep_their_positions(tmp_path: Path) -> None:
    prog, _ = build(tmp_path, {
        "data.py": """
            from torchvision import datasets
            def loaders(root):
                first = datasets.CIFAR10(root, train=True)
                second = datasets.CIFAR10(root, train=False)
                return first, second
        """,
        "train.py": """
            from data import loaders
            one, two = loaders("./data")
        """,
    })
    said, where = role(prog, named(prog, "two", path="train.py"))
    assert said == "test" and prog.path(where) == "data.py"
    assert role(prog, named(prog, "one", path="train.py"))[0] == "train"


@pytest.mark.parametrize("argument, expected", [
    ('flag="test"', "test"), ('flag="train"', "train"), ('set_type="val"', "val"), ("is_train=False", "test"),
    ("is_test=True", "test"), ("is_val=True", "val"), ("training=False", None), ("test=True", None),
])
def test_a_data_set_keyword_names_its_split(tmp_path: Path, argument: str, expected: str | None) -> None:
    # The time-series providers' `Dataset_ETT_hour(root, flag="test")`, `MyData(root, is_train=False)`; not a
    # layer's mode (Keras' `training=False`) nor a dry-run switch (`test=True`).
    prog, _ = build(tmp_path, {"data.py": f"""
        from provider import Dataset_ETT_hour
        rows = Dataset_ETT_hour("./data", {argument})
    """})
    assert role(prog, named(prog, "rows"))[0] == expected


def test_a_parameter_gets_its_role_through_the_call_site(tmp_path: Path) -> None:
    prog, _ = build(tmp_path, {"evaluate.py": """
        def best_threshold(scores, gold):
            return gold
        files = manifest(root, "test")
        picked = best_threshold(scores, files)
    """})
    gold = [n for n in of_kind(prog, "param") if prog.info(n)["name"] == "gold"][0]
    said, _, via = role_via(prog, gold)
    assert said == "test" and prog.line(via) == 4


def test_nested_concatenations_walk_each_part_once_per_rule_run(tmp_path: Path, monkeypatch) -> None:
    # A model's forward joins tensors again and again (`h = torch.cat([h, x])`): every join asks
    # the role of its parts, each part's walk meets the earlier joins, and without the run's memo
    # the walks multiply with the depth (transformers: 300,000 walks for 5,600 questions).
    body = "\n".join(f"    h{i} = torch.cat([y * {i}, h{i - 1}], dim=-1)" for i in range(1, 13))
    prog, _ = build(tmp_path, {"model.py": "import torch\ndef forward(h0, x):\n    y = torch.cat([h0, x], dim=-1)\n"
                               + body + "\n    return h12\n", "train.py": """
        import pandas as pd
        from sklearn.model_selection import train_test_split
        df = pd.read_csv("data.csv")
        train, test = train_test_split(df)
        both = pd.concat([train, test])
    """})
    import hygiene.analysis.dataflow.queries as queries
    walks = []
    real = queries._role_walk
    monkeypatch.setattr(queries, "_role_walk", lambda *a: walks.append(a[1:]) or real(*a))
    joins = [j for j in of_kind(prog, "concat") if prog.path(j) == "model.py"]
    assert len(joins) == 13
    prog.begin(None)
    answers = [role(prog, part) for j in joins for part in prog.inputs(j) if part]
    assert all(said is None for said, _ in answers)
    assert len(walks) == len(set(walks)) and len(walks) < 200
    assert role(prog, named(prog, "train", "part")) == ("train", named(prog, "train", "part"))
    prog.begin(None)  # a new rule run asks again: its trace must record the reads
    role(prog, named(prog, "train", "part"))
    assert walks.count(walks[-1]) == 2


def test_the_first_callers_decode_only_the_files_they_come_from(tmp_path: Path) -> None:
    # A walk follows the first MAX_CALLERS calls of a function; a model class that 40 files call
    # had every calling file decoded to keep 16 (transformers, `--focus` on an edited file).
    files = {"lib.py": "def load(split):\n    return split\n"}
    files.update({f"use{i}.py": f"from lib import load\nrows = load('part{i}')\nmore = load('again{i}')\n" for i in range(6)})
    prog, _ = build(tmp_path, files)
    key = prog.functions["lib.load"]
    prog.release()
    prog.begin(None)
    first = prog.callers(key, 3)
    read = {prog.paths[f] for f in prog.end().files}
    assert [prog.path(c) for c in first] == ["use0.py", "use0.py", "use1.py"]
    assert read == {"use0.py", "use1.py"}
    prog.begin(None)
    every = prog.callers(key)
    assert len(every) == 12 and every[:3] == first
    prog.end()
    prog.begin(None)  # known now: the same answer, and the run still reads the files it comes from
    assert prog.callers(key, 3) == first and {prog.paths[f] for f in prog.end().files} == {"use0.py", "use1.py"}


def test_module_level_names_and_imports_resolve(tmp_path: Path) -> None:
    prog, _ = build(tmp_path, {
        "config.py": 'FEATURES = ["a", "b"]\n',
        "train.py": """
            from config import FEATURES
            import pandas as pd
            def features():
                return table[FEATURES]
            table = pd.read_csv("t.csv")
        """,
    })
    [column] = [n for n in of_kind(prog, "col") if prog.path(n) == "train.py"]
    table, names = prog.input(column, 0), prog.input(column, 1)
    assert prog.kind(table) == "global" and prog.kind(prog.bound(table)[0]) == "src"  # bound below the def
    assert prog.kind(names) == "import" and prog.info(prog.bound(names)[0])["value"] == ["a", "b"]


def test_fits_of_follows_the_model_variable(tmp_path: Path) -> None:
    prog, _ = build(tmp_path, {"m.py": """
        search = GridSearchCV(model, grid)
        search.fit(X_train, y_train)
        best = search.best_estimator_
        preds = best.predict(X_test)
    """})
    pred = named(prog, "preds")
    [fit] = fits_of(prog, prog.input(pred, 0))
    assert prog.info(fit)["on"] == "X_train"


def test_rows_key_treats_two_reads_of_one_split_as_the_same_rows(tmp_path: Path) -> None:
    prog, _ = build(tmp_path, {"ft.py": """
        from datasets import load_dataset
        ds = load_dataset("imdb")
        first = ds["train"].shuffle(seed=0)
        second = ds["train"]
        third = ds["test"]
    """})
    assert rows_key(prog, named(prog, "first")) == rows_key(prog, named(prog, "second"))
    assert rows_key(prog, named(prog, "third")) != rows_key(prog, named(prog, "second"))


def test_evaluations_find_metrics_and_predictions_compared_with_labels(tmp_path: Path) -> None:
    prog, _ = build(tmp_path, {"ev.py": """
        def evaluate(net, loader):
            correct = 0
            for imgs, targets in loader:
                correct += (net(imgs).argmax(1) == targets).sum().item()
            return correct
        acc = evaluate(net, test_loader)
    """})
    [(evaluation, stack, truth, entry)] = evaluations(prog, [named(prog, "acc")])
    assert prog.kind(evaluation) == "cmp" and prog.info(truth)["name"] == "targets"
    assert role(prog, truth, stack)[0] == "test" and prog.line(entry) == 6


def test_inplace_pandas_calls_change_the_receiver(tmp_path: Path) -> None:
    prog, _ = build(tmp_path, {"prep.py": """
        import pandas as pd
        data = pd.read_csv("all.csv")
        data["age"].fillna(data["age"].mean(), inplace=True)
        data.drop(["name"], axis=1, inplace=True)
    """})
    kept = prog.graphs[0].bindings["data"]
    assert prog.kind(kept) == "drop"  # `kept` is the table after both in-place changes
    filled = prog.input(kept, 0)
    assert prog.kind(filled) == "setcol" and prog.info(filled)["col"] == "age"
    assert prog.kind(prog.input(filled, 1)) == "xform"


def test_a_repo_function_handed_to_apply_is_called_with_the_receiver(tmp_path: Path) -> None:
    prog, _ = build(tmp_path, {"prep.py": """
        import pandas as pd
        def rescale(column):
            return column / column.max()
        frame = pd.read_csv("t.csv")
        scaled = frame.apply(rescale, axis=0)
    """})
    scaled = named(prog, "scaled")
    assert prog.kind(scaled) == "call" and prog.callee(scaled) is not None
    reached = prog.back([scaled], rows=True)
    assert any(prog.kind(r) == "src" for r in reached) and any(prog.kind(r) == "xform" for r in reached)


def test_resampling_returns_features_and_labels_apart(tmp_path: Path) -> None:
    prog, _ = build(tmp_path, {"r.py": """
        import pandas as pd
        from imblearn.over_sampling import SMOTE
        table = pd.read_csv("t.csv")
        X_res, y_res = SMOTE().fit_resample(table[["a", "b"]], table["label"])
    """})
    y_source = [r for r in prog.back([named(prog, "y_res")], rows=True) if prog.kind(r) == "col"]
    assert [prog.info(r)["cols"] for r in y_source] == [["label"]]


def test_elements_of_appended_tuples_keep_their_positions(tmp_path: Path) -> None:
    prog, _ = build(tmp_path, {"b.py": """
        def run(clf):
            score = accuracy_score(y_test, clf.predict(X_test))
            weights = clf.coef_
            try:
                extra = clf.feature_importances_
            except AttributeError:
                extra = None
            return score, extra, weights
        results = []
        results.append(run(model))
        picked = results[0][2]
    """})
    reached = prog.back([named(prog, "picked")])
    assert not any(prog.kind(r) == "metric" for r in reached)  # element 2 is the weights, not the score
    assert any(prog.info(r).get("a") == "coef_" for r in reached)


def test_rows_joined_from_train_and_test_have_no_single_role(tmp_path: Path) -> None:
    prog, _ = build(tmp_path, {"j.py": """
        import pandas as pd
        train = pd.read_csv("train.csv")
        test = pd.read_csv("test.csv")
        both = pd.concat([train.drop("label", axis=1), test])
        first = both.iloc[:100]
    """})
    assert role(prog, named(prog, "first"))[0] is None


# -- lines ---------------------------------------------------------------------------------------------
def test_lines_pair_statements_and_calls_of_multi_line_statements() -> None:
    text = textwrap.dedent("""
        import x
        if a:
            b = 1; c = 2
        elif d:
            pass
        value = f(
            1,
            g(2),
        )
    """).lstrip("\n")
    module = cst.parse_module(text)
    table = Lines(module, text)
    assert table.ok
    assign = module.body[2].body[0]
    inner = assign.value.args[1].value
    assert table.line(assign, assign.value) == 6 and table.line(assign, inner) == 8
    elif_branch = module.body[1].orelse
    assert table.line(elif_branch, None) == 4


# -- robustness ------------------------------------------------------------------------------------------
def test_a_bug_in_the_layer_costs_the_layer_not_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from hygiene.analysis.dataflow import calls

    def broken(self, *args, **kwargs):
        raise ValueError("boom")

    monkeypatch.setattr(calls.CallEvaluator, "fit_call", broken)
    seed = [r for r in load_rules() if r.code == "SEED001"]
    _, result = build(tmp_path, {"t.py": "import random\nmodel.fit(X, y)\nrandom.shuffle(items)\n"
                                                      "print(accuracy_score(y, model.predict(X)))\n"}, seed)
    assert [f.rule for f in result.findings if f.path == "t.py"] == ["SEED001"]
    assert any("dataflow analysis skipped: ValueError: boom" in d.message for d in result.diagnostics)
    assert not result.errors


def test_deep_expressions_do_not_break_the_scan(tmp_path: Path) -> None:
    deep = "y = " + " + ".join(["a"] * 800) + "\nz = f(" + "g(" * 150 + "1" + ")" * 151 + "\n"
    _, result = build(tmp_path, {"deep.py": deep})
    assert not result.errors


# -- what the LEAK rules learned from issue 11 --------------------------------------------------------
def test_attributes_unpacked_from_a_tuple_are_named_by_the_attribute(tmp_path: Path) -> None:
    prog, _ = build(tmp_path, {"trainer.py": """
        class Trainer:
            def __init__(self, net, loaders):
                self.net = net
                self.train_loader, self.test_loader = loaders
            def run(self, x):
                return self.net(x), self.test_loader
    """})
    assert role(prog, named(prog, "test_loader"))[0] == "test"
    assert role(prog, named(prog, "train_loader"))[0] == "train"
    assert of_kind(prog, "apply"), "`self.net(x)` calls a value the class holds"


def test_a_loop_setting_kept_under_a_guard_is_an_effect(tmp_path: Path) -> None:
    prog, _ = build(tmp_path, {"sweep.py": """
        best, best_C = 0.0, None
        for C in grid:
            acc = score(C)
            if acc > best:
                best, best_C = acc, C
        label = C
    """})
    [keep] = [n for n in of_kind(prog, "effect") if prog.info(n)["what"] == "keep"]
    assert prog.info(keep)["name"] == "best_C" and prog.kind(prog.guard(keep)) == "guard"
    assert prog.kind(prog.input(keep, 0)) == "elem"


def test_a_split_default_gives_a_role_unless_the_caller_passes_one(tmp_path: Path) -> None:
    prog, _ = build(tmp_path, {"ev.py": """
        def accuracy(model, split="test"):
            rows = load_dataset("ag_news", split=split)
            return rows
        on_default = accuracy(m)
        on_dev = accuracy(m, split="validation")
        on_dev2 = accuracy(m, "validation")
    """})
    [param] = [n for n in of_kind(prog, "param") if prog.info(n)["name"] == "split"]
    default = prog.input(param, 0)
    assert prog.kind(default) == "const" and prog.info(default)["role"] == "test"
    calls = {prog.info(c)["name"]: c for c in of_kind(prog, "call") if prog.info(c).get("name", "").startswith("on_")}
    key = prog.function_of(param)
    assert not prog.passed(calls["on_default"], key, param)
    assert prog.passed(calls["on_dev"], key, param) and prog.passed(calls["on_dev2"], key, param)
    assert prog.back_step(param, (calls["on_dev"],), rows=True) == []  # a literal argument, not the default
    assert prog.back_step(param, (calls["on_default"],), rows=True) == [(default, ())]


def test_callbacks_made_before_the_fit_and_cv_shuffle(tmp_path: Path) -> None:
    prog, _ = build(tmp_path, {"fit.py": """
        from tensorflow import keras
        from sklearn.model_selection import KFold, cross_val_score
        callbacks = [keras.callbacks.ReduceLROnPlateau(monitor="val_loss")]
        model.fit(x_train, y_train, validation_data=(x_val, y_val), callbacks=callbacks)
        logged = [keras.callbacks.CSVLogger("log.csv")]
        other.fit(x_train, y_train, validation_data=(x_val, y_val), callbacks=logged)
        cross_val_score(est, X, y, cv=KFold(5, shuffle=True, random_state=0))
        cross_val_score(est, X, y, cv=5)
    """})
    stops = [prog.info(f).get("stop") for f in of_kind(prog, "fit")]
    assert stops == [1, None]
    assert [prog.info(s).get("shuffle") for s in of_kind(prog, "split")] == [True, None]


def test_enumerate_and_zip_elements_come_from_their_arguments(tmp_path: Path) -> None:
    prog, _ = build(tmp_path, {"loop.py": """
        for step, (inputs, targets) in enumerate(test_loader):
            pass
        for letter, text in zip(LETTERS, choices):
            pass
    """})
    assert role(prog, named(prog, "targets"))[0] == "test"
    assert prog.info(prog.input(named(prog, "text"), 0)).get("name") == "choices"  # not the receiver slot
    assert [prog.kind(prog.input(named(prog, n), 0)) for n in ("letter", "text")] == ["global", "global"]


def test_a_list_of_strings_is_a_literal_argument(tmp_path: Path) -> None:
    prog, _ = build(tmp_path, {"sort.py": """
        import pandas as pd
        sales = pd.read_csv("sales.csv").sort_values(["store", "date"])
        wide = pd.read_csv("sales.csv").sort_values([col for col in cols])
    """})
    lits = [prog.info(c).get("lits") for c in of_kind(prog, "call") if prog.info(c).get("m") == "sort_values"]
    assert lits == [{"0": ["store", "date"]}, None]


def test_a_factory_of_the_repo_gives_its_fits_the_class_it_returns(tmp_path: Path) -> None:
    prog, _ = build(tmp_path, {
        "parts.py": """
            from sklearn.compose import ColumnTransformer
            from sklearn.ensemble import RandomForestClassifier
            def encoder():
                ct = ColumnTransformer([("num", StandardScaler(), ["a"])])
                return ct
            def forest():
                return RandomForestClassifier()
        """,
        "main.py": """
            import pandas as pd
            from parts import encoder, forest
            df = pd.read_csv("d.csv")
            X = encoder().fit_transform(df)
            model = forest().fit(X, df["y"])
        """,
    })
    fits = {prog.info(f).get("factory", "").rsplit(".", 1)[-1]: prog.info(f) for f in of_kind(prog, "fit")}
    assert fits["encoder"]["cls"] == "sklearn.compose.ColumnTransformer" and fits["encoder"]["kind"] == "preproc"
    assert fits["forest"]["kind"] == "model"


def test_polars_expressions_read_columns_of_the_table_they_are_added_to(tmp_path: Path) -> None:
    prog, _ = build(tmp_path, {"f.py": """
        import polars as pl
        df = pl.read_csv("d.csv").with_columns(pl.col("y").rolling_mean(3).alias("y3"), lag=pl.col("y").shift(1))
        X = df.select(["y3", "lag"])
    """})
    assigned = {prog.info(s).get("col"): s for s in of_kind(prog, "setcol")}
    assert set(assigned) == {"y3", "lag"}
    reads = [r for r in prog.back([prog.input(assigned["y3"], 1)]) if prog.kind(r) == "col"]
    assert reads and prog.info(reads[0])["cols"] == ["y"] and prog.kind(prog.input(reads[0], 0)) == "src"
    assert prog.info(named(prog, "X"))["cols"] == ["y3", "lag"]


# -- naming values for messages (shared by the LEAK rules) ----------------------------------------
def test_value_name_says_what_the_code_calls_a_value(tmp_path: Path) -> None:
    prog, _ = build(tmp_path, {"prompts.py": """
        GRADER = "Grade {answer}"
        """, "run.py": """
        from datasets import load_dataset
        import prompts
        ds = load_dataset("gsm8k")
        for row in ds["test"]:
            client.messages.create(messages=[row["question"]])
        def ask(item, shots):
            return item
        """})
    row = named(prog, "row")
    assert value_name(prog, row, "the record") == "row"
    column = next(r for r in prog.nodes("col") if prog.info(r).get("cols") == ["question"])
    assert value_name(prog, column, "the field") == 'row["question"]'
    part = next(r for r in prog.nodes("part") if prog.info(r).get("key") == "test")
    assert value_name(prog, part, "the items") == 'ds["test"]'
    call = next(iter(prog.nodes("llm")))
    assert value_name(prog, call, "the reply") == "the reply"  # nothing names it: the caller's words
    assert call_name({"m": "format", "fn": "str.format"}) == "format" and call_name({"fn": "tqdm.auto.tqdm"}) == "tqdm"
    loop = loop_node(prog, row)
    assert loop != row and prog.line(loop) == prog.line(row) and same_file(loop, row)
    template = module_binding(prog, "prompts", "GRADER")
    assert prog.info(template).get("value") == "Grade {answer}" and not same_file(template, row)
    assert module_binding(prog, "prompts", "MISSING") == 0
    key = prog.functions["run.ask"]
    assert [prog.info(p).get("name") for p in parameters(prog, key)] == ["item", "shots"]
    assert returns(prog, key) == parameters(prog, key)[:1]  # `return item`: the parameter itself


def test_graphs_read_back_compact_and_equal() -> None:
    """The repo phase holds every file's graph: rows come back as tuples with equal inputs and info
    dicts stored once across files, and a value's type is kept (`True` is not `1`)."""
    from hygiene.analysis.dataflow.graph import FORMAT, Graph

    rows = [[0, 0, [], {}, 0, 0], ["call", 300, [0], {"fn": "torch.no_grad", "m": True}, 0, 0],
            ["call", 300, [0], {"fn": "torch.no_grad", "m": 1}, 0, 0], ["op", 301, [1, 2], {"op": "tuple"}, 0, 1]]
    data = {"format": FORMAT, "module": "m", "nodes": rows, "functions": [["", 0, [], [], ""]]}
    shared: dict = {}
    first = Graph.from_json("a.py", json.loads(json.dumps(data)), shared)
    second = Graph.from_json("b.py", json.loads(json.dumps(data)), shared)
    assert first is not None and second is not None
    assert [list(r[:2]) + [list(r[2]), r[3]] + list(r[4:]) for r in first.nodes] == \
        [r[:2] + [r[2], r[3]] + r[4:] for r in rows]
    assert all(type(r) is tuple for r in first.nodes)
    assert first.nodes[1][3] is second.nodes[1][3] and first.nodes[3][2] is second.nodes[3][2]
    assert first.nodes[1][3]["m"] is True and first.nodes[2][3]["m"] == 1 and first.nodes[2][3]["m"] is not True
    assert json.loads(json.dumps(first.to_json()["nodes"])) == rows  # written back as it was read


def test_set_info_replaces_a_shared_info(tmp_path: Path) -> None:
    prog, _ = build(tmp_path, {"a.py": "x = load('a.csv')\ny = load('a.csv')\n"})
    first, second = named(prog, "x"), named(prog, "y")
    before = prog.info(second)
    prog.set_info(first, {**prog.info(first), "extra": 1})
    assert prog.info(first)["extra"] == 1 and prog.info(second) is before and "extra" not in before


def test_a_call_of_a_module_next_to_the_importing_file_links_to_it(tmp_path: Path) -> None:
    # `from records import load` in lesions/features.py, run as a script from lesions/: records.py
    # is lesions/records.py (there is no top-level records module).
    prog, _ = build(tmp_path, {
        "lesions/__init__.py": "",
        "lesions/records.py": """
            def load(db):
                return [row for row in db]
        """,
        "lesions/features.py": """
            from records import load
            rows = load(source)
        """,
    })
    call = next(c for c in of_kind(prog, "call") if prog.info(c).get("fn") == "records.load")
    assert prog.callee(call) is not None
    assert prog.function(prog.callee(call)).qualname == "load"


def test_function_table_names_a_plain_folder_module_by_its_path() -> None:
    from hygiene.analysis.dataflow.linking import function_table, module_aliases
    assert module_aliases("data", "pkg/data.py") == ["data", "pkg.data"]
    assert module_aliases("pkg.data", "src/pkg/data.py") == ["pkg.data", "src.pkg.data"]
    assert module_aliases("pkg", "pkg/__init__.py") == ["pkg"]
    ifaces = [{"m": "data", "f": ["", "load"]}, {"m": "pkg.data", "f": ["", "load"]}]
    functions, modules = function_table(ifaces, ["pkg/data.py", "other/pkg/data.py"])
    assert functions["data.load"] == (0, 1) and modules["data"] == 0
    assert functions["pkg.data.load"] == (1, 1)  # a module's own name wins over another's path name


def test_dict_literal_read_by_its_key_is_that_value(tmp_path: Path) -> None:
    """`splits["fit"]` of `splits = {"fit": a, "heldout": b}` holds `a`'s rows, not the whole dict's
    (a clean Trainer given `splits["fit"]` and `splits["heldout"]` was reported as trained and tested
    on the same data)."""
    from hygiene.analysis.dataflow.queries import row_base
    prog, _ = build(tmp_path, {"run.py": """
        from datasets import load_dataset
        enc = load_dataset("rotten_tomatoes")
        splits = {"fit": enc["train"], "heldout": enc["test"]}
        a = splits["fit"]
        b = splits["heldout"]
    """})
    a, b = named(prog, "a"), named(prog, "b")
    assert prog.info(row_base(prog, a)).get("key") == "train"
    assert prog.info(row_base(prog, b)).get("key") == "test"


def test_joblib_delayed_calls_the_function_and_parallel_returns_its_results(tmp_path: Path) -> None:
    """`Parallel(n_jobs=2)(delayed(f)(x) for x in xs)` is `[f(x) for x in xs]`: the results of the
    repo's function reach what reads the list (a `max` over scores), as a comprehension's would."""
    prog, _ = build(tmp_path, {"sweep.py": """
        from joblib import Parallel, delayed
        import joblib

        def fit_and_score(depth):
            return depth, depth * 2

        scores = Parallel(n_jobs=2)(delayed(fit_and_score)(d) for d in [2, 4, 8])
        more = joblib.Parallel(n_jobs=-1, prefer="threads")(joblib.delayed(fit_and_score)(d) for d in [16])
        best = max(scores, key=lambda t: t[1])
    """})
    for name in ("scores", "more"):
        results = named(prog, name)
        assert prog.kind(results) == "comp", name
        element = prog.input(results, 0)
        assert prog.kind(element) == "call" and prog.info(element)["fn"] == "sweep.fit_and_score", name
    best = named(prog, "best")
    assert prog.kind(best) == "select" and named(prog, "scores") in prog.inputs(best)

"""Library knowledge of calls the dataflow builder reads (`hygiene.analysis.dataflow.calls`): the split a
call's arguments name, a starred argument's tuple, Prophet's fit of `y`, tsfresh's supervised selection,
Kedro's pipeline nodes, joblib's parallel calls, and the splits a call makes (`split_call`)."""
from __future__ import annotations

import re
from typing import Any

import libcst as cst

from hygiene.analysis.apis import plain
from hygiene.analysis.dataflow import knowledge as kb

# (`flag="test"`: the time-series libraries' data providers, `Dataset_ETT_hour(root, flag="test")`)
_ROLE_KEYWORDS = ("split", "subset", "mode", "phase", "stage", "partition", "part", "which", "flag", "set_type",
                  "data_type", "dataset_type")


def call_role(flow, expr: cst.Call, positional: list, keywords: dict) -> str | None:  # type: ignore[no-untyped-def]
    """The split a call's arguments name: a role keyword (`split="val"`, `flag="test"`), `train=False` (also
    `is_train`), `is_test=True`, a split's name, or a folder or data file named for a split."""
    for name in [*_ROLE_KEYWORDS, *(k for k in keywords if {"split", "subset", "partition"} & set(k.lower().split("_")))]:
        value = keywords.get(name)  # `data_split="val"`, `split_name="test"`: a keyword that names the part
        if isinstance(value, str):
            return kb.literal_role(value.split("[", 1)[0])
    # `MyData(root, is_train=False)`, `Dataset(root, is_test=True)` (not Keras' `training=`: a layer's mode)
    for flag in ("train", "is_train"):
        train = flow.keyword_literal(expr, flag)
        if isinstance(train, bool):
            return "train" if train else "test"
    for flag, said in (("is_test", "test"), ("is_val", "val")):
        if flow.keyword_literal(expr, flag) is True:
            return said
    for value in positional:
        if isinstance(value, str) and value.strip().lower() in kb.SPLIT_NAMES:
            return kb.SPLIT_NAMES[value.strip().lower()]
    for value in positional[:1]:
        # `ImageFolder("data/test", tf)`, `Folder("data/test")`, `load("splits/test.jsonl")`: a folder or data
        # file named for a split holds that split's rows, whatever the variable is called
        if isinstance(value, str) and "/" in value and _DATA_PATH.search(value.strip()):
            return kb.literal_role(value.strip().rstrip("/"))
    return None


def selection_fit(flow, expr: cst.Call, bare: str, tail: str, positional: list, keywords: dict) -> int:  # type: ignore[no-untyped-def]
    """`select_features(X, y)`: a supervised selector fit on the rows it is given and applied to them."""
    data = positional[0] if positional else next(iter(keywords.values()))
    labels = positional[1] if len(positional) > 1 else keywords.get("y", 0)
    fitted = flow.add("fit", (0, data, labels), {"cls": bare, "kind": "preproc", "m": tail,
                                                 "on": flow.code(expr.args[0].value)}, expr)
    return flow.add("xform", (fitted, data), {"m": tail}, expr)


def dict_entry_tuple(flow, value) -> int:  # type: ignore[no-untyped-def]
    """The tuple a starred argument unpacks: `*(X_tr, y_tr)`, or `*splits["train"]` with `"train": (X_tr, y_tr)` in
    the dict literal `splits`; 0 when it is not known."""
    if not isinstance(value, int) or not value:
        return 0
    if flow.kinds[value] == "op" and flow.info(value).get("op") == "tuple":
        return value
    if flow.kinds[value] != "part" or not flow.inputs[value]:
        return 0
    holder = flow.inputs[value][0]
    info = flow.info(holder) if holder else {}
    keys, key = info.get("keys") or [], flow.info(value).get("key")
    if flow.kinds[holder] != "op" or info.get("op") != "dict" or key not in keys:
        return 0
    entry = flow.inputs[holder][keys.index(key)] if len(flow.inputs[holder]) == len(keys) else 0
    return entry if entry and flow.kinds[entry] == "op" and flow.info(entry).get("op") == "tuple" else 0


_PROPHETS = ("prophet.Prophet()", "prophet.forecaster.Prophet()", "fbprophet.Prophet()", "neuralprophet.NeuralProphet()")


def prophet_fit(flow, qn, method, recv, positional, expr) -> list | None:  # type: ignore[no-untyped-def]
    """Prophet takes its label as the column `y` of the frame given to `fit(df)`, and its features as `ds`
    and the columns named by `add_regressor("name")` on the same model: the (X, y) that `fit` stands for.
    `m.add_regressor("temp")` is recorded here for the model's later `fit`."""
    owner = qn[: -len(method) - 1] if qn and qn.endswith("." + method) else ""
    if not owner.endswith(_PROPHETS) or not recv:
        return None
    regressors = flow.__dict__.setdefault("_prophet_regressors", {})
    if method == "add_regressor" and positional and isinstance(flow.literal(positional[0]), str):
        regressors.setdefault(recv, []).append(flow.literal(positional[0]))
        return None
    if method != "fit" or not positional or not isinstance(positional[0], int) or not positional[0]:
        return None
    data = positional[0]
    x = flow.add("col", (data,), {"cols": ["ds", *regressors.get(recv, [])]}, expr)
    y = flow.add("col", (data,), {"cols": ["y"]}, expr)
    return [x, y]


# A folder (no extension) or a data file: the paths whose last part can name a split.
_DATA_PATH = re.compile(
    r"(?i)/[\w-]+/?$|/[\w-]+\.(csv|tsv|json|jsonl|parquet|feather|arrow|txt|npy|npz|h5|hdf5|pkl|pickle|pt)$")


def pipeline_node(ev, expr: cst.Call, fn, positional: list, keywords: dict) -> int:  # type: ignore[no-untyped-def]
    """Kedro's `node(vectorise, ["tickets", "params:model"], ["X", "y"])`: the function is called on the datasets
    named as its inputs, and its outputs become the datasets named as outputs, which later nodes of the module
    read by name (a pipeline's nodes in the order they are written). 0 when `fn` is no function."""
    if not (isinstance(fn, int) and fn and (ev.kinds[fn] == "fn" or (ev.kinds[fn] == "import" and ev.info(fn).get("qn")))):
        return 0
    datasets: dict[str, int] = ev.__dict__.setdefault("_pipeline_datasets", {})

    def names(value) -> list[str]:  # type: ignore[no-untyped-def]
        literal = ev.literal(value)
        return [literal] if isinstance(literal, str) else list(literal) if isinstance(literal, tuple) else []

    inputs = names(keywords.get("inputs", positional[1] if len(positional) > 1 else 0))
    outputs = names(keywords.get("outputs", positional[2] if len(positional) > 2 else 0))
    called = ev.info(fn).get("fn") or ev.info(fn).get("qn")  # a function of this module, or imported
    call = ev.add("call", [0, *[datasets.get(name, 0) for name in inputs]], {"fn": called, "via": "pipeline node"}, expr)
    for i, name in enumerate(outputs):
        datasets[name] = call if len(outputs) == 1 else ev.add("elem", (call,), {"index": i}, expr)
    return call


def library_call(ev, expr: cst.Call, bare: str, method: str, recv: int, positional: list,  # type: ignore[no-untyped-def]
                 keywords: dict) -> int | None:
    """The value of a call whose library decides it: joblib's, then a split (`split_call`); None for the others."""
    # joblib: `delayed(f)` is `f`, so `delayed(f)(x)` is the call `f(x)`; and `Parallel(n_jobs=2)(...)` returns the
    # list its generator makes, as the comprehension `[f(x) for x in xs]` would
    # (the name of a call's result is its callee's with `()`: `delayed(f)(x)` is named `joblib.delayed()`)
    called = isinstance(expr.func, cst.Call)
    if bare == "joblib.delayed" and not called and positional:
        return positional[0]
    if bare == "joblib.Parallel" and called and len(positional) == 1:
        return positional[0]
    return split_call(ev, expr, bare, method, recv, positional, keywords)


def split_call(ev, expr: cst.Call, bare: str, method: str, recv: int, positional: list,  # type: ignore[no-untyped-def]
               keywords: dict) -> int | None:
    info: dict[str, Any]
    if bare in kb.SPLIT_FUNCTIONS or method == "train_test_split" or kb.random_valid_split(bare, method, keywords):
        arrays = [p for p in positional]
        pairs = bare in kb.SPLIT_FUNCTIONS and bare.endswith("train_test_split")
        info = {"call": bare.rsplit(".", 1)[-1] or method, "arrays": len(arrays), "grouped": False}
        if pairs:
            info["pairs"] = 1
        shuffle = ev.keyword_literal(expr, "shuffle")
        if shuffle is not None:
            info["shuffle"] = shuffle
        if bare.endswith("random_split"):
            arrays = positional[:1]
            info["arrays"] = 1
        data = recv if method == "train_test_split" and recv else 0
        return ev.add("split", [data, *arrays] if data else arrays, {**info, "on": ev.code(expr.func.value)}  # `ds.train_test_split(...)`
                        if data else ev.with_on(info, expr), expr)
    if method == "randomSplit" and recv and positional:  # Spark's `df.randomSplit([0.8, 0.2], seed=5)`: rows at random
        return ev.add("split", [recv], {"call": method, "arrays": 1, "grouped": False, "on": ev.code(expr.func.value)}, expr)
    splitter = bare[: -len(".split")] if bare.endswith(".split") else ""
    if method == "split" and splitter and (plain(splitter) in kb.SPLITTERS or "model_selection" in splitter):
        grouped = plain(splitter) in kb.GROUPED_SPLITTERS or len(positional) >= 3 or "groups" in keywords
        info = {"call": plain(splitter).rsplit(".", 1)[-1], "arrays": 1, "grouped": grouped,
                "roles": ["train", "test"], "shuffle": ev.splitter_shuffle(recv)}
        # `skf.split(X, y)`: y's rows are X's items (their table may show the groups); the parts stay X's
        return ev.add("split", positional[:2] or [keywords.get("X", 0)], ev.with_on(info, expr), expr)
    if bare in kb.CV_FUNCTIONS and bare.split(".")[-1].startswith(("cross_val", "cross_validate", "learning_curve",
                                                                   "validation_curve", "permutation_test")):
        cv = keywords.get("cv", 0)
        cv_call = ev.info(cv).get("fn", "") if isinstance(cv, int) and cv else ""
        grouped = "groups" in keywords or plain(cv_call) in kb.GROUPED_SPLITTERS
        info = {"call": bare.rsplit(".", 1)[-1], "arrays": 1, "grouped": grouped, "cv": 1,
                "shuffle": ev.splitter_shuffle(cv if isinstance(cv, int) else 0)}  # `cv=KFold(5, shuffle=True)`
        data = positional[1] if len(positional) > 1 else keywords.get("X", 0)
        target = positional[2] if len(positional) > 2 else keywords.get("y", 0)
        if isinstance(target, int) and target:  # `cross_val_score(est, X, y)`: the labels are split with X's rows
            info["y"] = 1
        return ev.add("split", (data, target) if info.get("y") else (data,), ev.with_on(info, expr, 1), expr)
    return None

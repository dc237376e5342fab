"""Library knowledge of calls the dataflow builder reads (`hygiene.analysis.dataflow.calls`): the split a
call's arguments name, a starred argument's tuple, Prophet's fit of `y`, tsfresh's supervised selection."""
from __future__ import annotations

import re

import libcst as cst

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

"""DATA047: a fitted transformer named for one column fit or applied on the column of a sibling."""
from __future__ import annotations

import libcst as cst

from hygiene.analysis.apis.torch import name_tokens
from hygiene.analysis.strings import string_value
from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, valid, notebook
from hygiene.walk import iter_nodes

_METHODS = frozenset({"fit", "transform", "fit_transform", "partial_fit", "inverse_transform"})
# Words of a transformer's name that say what kind of object it is, not which column it is for.
_KIND_WORDS = frozenset("""
encoder encoders enc ohe onehot one hot scaler scalers imputer imputers vectorizer vectorizers vec
transformer transformers normalizer normaliser binarizer discretizer discretiser selector pca svd tfidf
count label labels le lb mlb std minmax robust standard quantile power poly mapper map pipeline pipe
prep preprocessor processor fitted new old my the this feature features feat col cols column columns
train training test testing val valid validation dev eval full all
""".split())


class TransformerOnSiblingColumn(Rule):
    """
    ## What it does
    Finds a scaler, encoder or imputer named for one column (`race_encoder`, `age_scaler`) that is
    fit or applied (`fit`, `transform`, `fit_transform`) on data that reads another column, when
    that other column is the one a sibling transformer of the same file is named for:
    `race_encoder.transform(df[["gender_concept_id"]])` beside a `gender_encoder`. The column is
    read from the call's argument: a string key (`df["gender"]`, `df[["gender_id"]]`) or an
    attribute (`df.gender_id`). Words that say what kind of object it is (`encoder`, `scaler`),
    split words (`train`, `test`) and generic words (`features`, `x`) do not name a column.

    ## Why is this bad?
    The feature that was meant to encode one variable encodes another: the race one-hot columns
    are a second copy of gender, or the gender encoder (fit on gender codes) maps race codes to
    unknown categories or to the wrong ones. The model trains and scores, and every analysis of
    the variable (its coefficient, a fairness breakdown) is about a column it never saw.

    ## Example
        gender_encoder.fit(train[["gender_concept_id"]])
        race_encoder.fit(train[["gender_concept_id"]])

    Use instead:
        gender_encoder.fit(train[["gender_concept_id"]])
        race_encoder.fit(train[["race_concept_id"]])
    """

    code = "DATA047"
    category = "DATA-UNEXAMINED"
    severity = Severity.ERROR
    message = ("`{obj}` is {verb} on `{column}`, the column `{sibling}` is named for: "
               "the {word} features come from another variable")
    question = "Should `{obj}` at {where} read a {word} column instead of `{column}`?"
    examples = [
        invalid("""
            from sklearn.preprocessing import OneHotEncoder

            def prepare(df, processor):
                gender_encoder = processor["gender_encoder"]
                race_encoder = processor["race_encoder"]
                one_hot_gender = gender_encoder.transform(df[["gender_concept_id"]].to_numpy())
                one_hot_race = race_encoder.transform(df[["gender_concept_id"]].to_numpy())  # expect: DATA047
                return one_hot_gender, one_hot_race
        """),
        invalid("""
            import numpy as np

            def prepare(df, gender_encoder, race_encoder):
                one_hot_gender = gender_encoder.transform(  # expect: DATA047
                    np.expand_dims(df.race_concept_id.to_numpy(), axis=1)
                )
                one_hot_race = race_encoder.transform(np.expand_dims(df.race_concept_id.to_numpy(), axis=1))
                return one_hot_gender, one_hot_race
        """, note="the column as an attribute, the wrong encoder first"),
        invalid("""
            class Features:
                def fit(self, frame):
                    self.age_scaler.fit(frame[["age"]])
                    self.income_scaler.fit(frame[["age"]])  # expect: DATA047
        """, note="transformers held on self"),
        valid("""
            def prepare(df, gender_encoder, race_encoder):
                return gender_encoder.transform(df[["gender_concept_id"]]), race_encoder.transform(df[["race_concept_id"]])
        """),
        valid("""
            def scale(train, test, x_scaler, y_scaler, train_scaler):
                x_scaler.fit(train[["height", "weight"]])
                y_scaler.fit(train[["price"]])
                train_scaler.transform(test[["price"]])
                label_encoder.fit(train["gender"])
        """, note="near miss: names of no column, split words, a kind word"),
        invalid({"preprocess.ipynb": notebook(
            """
            from sklearn.preprocessing import OneHotEncoder, StandardScaler
            sex_encoder = OneHotEncoder().fit(train[["sex"]])
            region_encoder = OneHotEncoder().fit(train[["region"]])
            """,
            """
            X_sex = sex_encoder.transform(test[["sex"]])
            X_region = region_encoder.transform(test[["sex"]])  # expect: DATA047
            """,
        )}, note="notebook: encoders fit in one cell, the region encoder applied to the sex column in the next"),
        valid({"preprocess.ipynb": notebook(
            """
            from sklearn.preprocessing import OneHotEncoder, StandardScaler
            sex_encoder = OneHotEncoder().fit(train[["sex"]])
            region_encoder = OneHotEncoder().fit(train[["region"]])
            """,
            """
            X_sex = sex_encoder.transform(test[["sex"]])
            X_region = region_encoder.transform(test[["region"]])
            """,
        )}, note="near miss: each encoder its own column"),
    ]

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._calls: list[tuple[cst.Call, str, frozenset[str], set[str], str]] = []

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if not (isinstance(func, cst.Attribute) and func.attr.value in _METHODS and node.args):
            return
        receiver = func.value
        name = receiver.value if isinstance(receiver, cst.Name) else (
            receiver.attr.value if isinstance(receiver, cst.Attribute) else None)
        if name is None:
            return
        own = frozenset(w for w in name_tokens(name) if w not in _KIND_WORDS and len(w) > 1)
        if not own:
            return
        columns = _columns(node.args[0].value)
        self._calls.append((node, name, own, columns, func.attr.value))

    def finish(self) -> None:
        first: dict[str, tuple[frozenset[str], int]] = {}
        for node, name, own, _, _ in self._calls:
            first.setdefault(name, (own, self.ctx.line_of(node)))
        for node, name, own, columns, method in self._calls:
            if any(set(name_tokens(column)) & own for column in columns):
                continue  # it reads its own column (too)
            for column in sorted(columns):
                words = set(name_tokens(column))
                sibling = next((other for other, (words_of, _) in first.items()
                                if other != name and words_of & words and not words_of & own), None)
                if sibling is None:
                    continue
                self.report(node, obj=name, column=column, sibling=sibling, word="_".join(sorted(own)),
                            verb="fit" if method in {"fit", "fit_transform", "partial_fit"} else "applied",
                            related=[Location(self.ctx.path, first[sibling][1], f"`{sibling}` used here")])
                break


def _columns(value: cst.BaseExpression) -> set[str]:
    """Column names the argument reads: string keys of subscripts, attribute names of a frame."""
    found: set[str] = set()
    for node in iter_nodes(value):
        if isinstance(node, cst.Subscript):
            for element in node.slice:
                index = element.slice
                if isinstance(index, cst.Index):
                    key = index.value
                    keys = [e.value for e in key.elements] if isinstance(key, cst.List) else [key]
                    found.update(v for v in (string_value(k) for k in keys) if v)
        elif (isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name)
              and "_" in node.attr.value and node.value.value not in {"np", "numpy", "torch", "pd", "self"}):
            found.add(node.attr.value)
    return found

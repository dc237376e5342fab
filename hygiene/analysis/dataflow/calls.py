"""Calls to graph nodes: reads, splits, fits, predictions, metrics, selections, model calls.

What a call means comes from its qualified name (`hygiene.analysis.names`) and the shared API knowledge (`apis`, `knowledge.py`,
polars in `frames.py`, model formulas in `formulas.py`); an unknown call becomes a `call` node of its receiver and arguments."""
from __future__ import annotations

from typing import Any

import libcst as cst

from hygiene.analysis.apis import plain
from hygiene.analysis.dataflow import knowledge as kb
from hygiene.analysis.dataflow.expressions import Evaluator, Value, is_model_call
from hygiene.analysis.dataflow.formulas import formula_call
from hygiene.analysis.dataflow.libcalls import call_role, dict_entry_tuple, library_call, pipeline_node, prophet_fit, selection_fit
from hygiene.analysis.dataflow.frames import assigned_column, column_expression, first_rows, frame_call, per_row
from hygiene.analysis.strings import literal_value, pattern_value, string_value

# Methods that call a function they are handed on the receiver's data (pandas, datasets).
_HIGHER_ORDER = frozenset({"apply", "applymap", "map", "transform", "pipe", "agg", "aggregate", "map_batches"})


class CallEvaluator(Evaluator):
    def call(self, expr: cst.Call) -> Value:
        result = self.call_value(expr)
        # pandas' `inplace=True` (`df.drop(cols, axis=1, inplace=True)`) changes the receiver: later reads see it.
        if (isinstance(result, int) and result and isinstance(expr.func, cst.Attribute)
                and any(a.keyword is not None and a.keyword.value == "inplace" for a in expr.args)
                and self.keyword_literal(expr, "inplace") is True):
            self.rebind(expr.func.value, result, expr)
        return result

    def call_value(self, expr: cst.Call) -> Value:
        func = expr.func
        names = self.ctx.names
        qn = names.qualified_name(func) if names is not None else None
        method = func.attr.value if isinstance(func, cst.Attribute) else ""
        on_self = (isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name)
                   and func.value.value == self.self_name and bool(self.class_name))
        receiver: Value = 0
        callee: Value = 0
        if on_self and method not in self.attributes.get(self.class_name, {}):
            qn = qn or f"{names.module_name}.{self.class_name}.{method}" if names is not None else None
        elif on_self and expr.args and self.attributes.get(self.class_name, {}).get(method):
            callee = self.value(func)  # `self.model(x)`: a value the class holds, called like a function
        elif isinstance(func, cst.Attribute) and not self.is_module(func.value):
            receiver = self.value(func.value)
        elif isinstance(func, (cst.Name, cst.Subscript, cst.Call)) and (
                not isinstance(func, cst.Name) or self.lookup_found(func.value)):
            callee = self.value(func)
        positional: list[Value] = []
        keywords: dict[str, Value] = {}
        for arg in expr.args:
            value = assigned_column(self, arg, method, receiver) or self.value(arg.value)
            if arg.keyword is not None:
                keywords[arg.keyword.value] = value
            elif arg.star == "**":
                keywords["**"] = value
            elif arg.star == "*" and dict_entry_tuple(self, value):
                positional.extend(self.inputs[dict_entry_tuple(self, value)])  # `clf.fit(*splits["train"])`
            else:
                positional.append(value)
        bare = plain(qn) if qn else ""
        tail = bare.rsplit(".", 1)[-1] if bare else method
        recv = receiver if isinstance(receiver, int) else 0

        if is_model_call(qn, expr):
            return self.model_call(expr, recv, positional, keywords)
        if method in ("view_as", "reshape_as", "expand_as", "type_as") and recv:  # values of recv, shape of the other
            return self.add("op", (recv,), {"op": "alias"}, expr)
        split = library_call(self, expr, bare, method, recv, positional, keywords)
        if split is not None:
            return split
        if callee and isinstance(callee, int) and self.kinds[callee] == "fn":
            qn, callee = self.info(callee).get("fn"), 0
            bare = plain(qn) if qn else ""
        handed = positional[0] if positional else keywords.get("func", 0)
        if bare in kb.PIPELINE_NODES and (node := pipeline_node(self, expr, handed, positional, keywords)):
            return node  # Kedro's `node(func, inputs, outputs)` (hygiene.analysis.dataflow.libcalls)
        if (method in _HIGHER_ORDER and recv and isinstance(handed, int) and handed and self.kinds[handed] == "fn"
                and not self.is_module(func.value)):
            return self.add("call", (0, recv), {"fn": self.info(handed)["fn"], "via": method}, expr)  # called on recv's data
        if (kb.is_loader(qn) or (method in kb.LOADER_METHODS and recv)) and not self.writes(expr, bare):
            return self.add("src", [recv, *positional, *keywords.values()], self.source_info(expr, bare or method, positional, keywords), expr)
        if bare in kb.SCALING_FUNCTIONS and (positional or "X" in keywords):
            data = positional[0] if positional else keywords["X"]
            fitted = self.add("fit", (0, data, 0), {"cls": bare, "kind": "preproc", "m": tail,
                                                    "on": self.code(expr.args[0].value)}, expr)
            return self.add("xform", (fitted, data), {"m": tail}, expr)
        if bare in kb.SELECTION_FUNCTIONS and len(positional) + len(keywords) >= 2:
            return selection_fit(self, expr, bare, tail, positional, keywords)
        if bare in kb.BOOSTER_TRAINERS and bare != "catboost.train" and len(positional) > 1:  # `lgb.train(params, dtrain)`
            return self.fit_call(expr, None, "fit", 0, positional[1:2], {**keywords, "eval_set": keywords.get(kb.BOOSTER_TRAINERS[bare], 0)})
        prophet = prophet_fit(self, qn, method, recv, positional, expr)
        if prophet is not None:
            positional = prophet
        if method in kb.FIT_METHODS and (positional or keywords.keys() & set(kb.TRAINING_KEYWORDS)) and not on_self:
            return self.fit_call(expr, qn, method, recv, positional, keywords)
        first = positional[0] if positional else next(iter(keywords.values()), 0)
        if method in kb.TRANSFORM_METHODS and recv and not on_self and not self.is_data(recv):
            return self.add("xform", (recv, first), {"m": method}, expr)
        if method in kb.PREDICT_METHODS and recv and (positional or keywords) and not on_self:
            return self.add("pred", (recv, first), {"m": method}, expr)
        # `.score(X, y)`; LightFM's `precision_at_k(model, test_interactions)`: a model scored on the rows given
        evaluator = bare in kb.MODEL_EVALUATORS and len(positional) >= 2
        if (method in kb.SCORE_METHODS and recv and len(positional) >= 2) or evaluator:
            inputs = (positional[0], positional[1], positional[1]) if evaluator else (recv, positional[0], positional[1])
            return self.add("metric", inputs, {"metric": "score" if evaluator else method,
                                               "on": self.code(expr.args[1 if evaluator else 0].value)}, expr)
        if bare in kb.METRICS or bare in kb.LOSS_FUNCTIONS or (qn or "").endswith("Loss()"):
            truth = keywords.get("y_true", positional[0] if positional else 0)
            guess = next((keywords[k] for k in ("y_pred", "y_score", "probas_pred", "y_prob") if k in keywords),
                         positional[1] if len(positional) > 1 else 0)
            if (qn or "").endswith("Loss()") or bare in kb.LOSS_FUNCTIONS:
                truth, guess = (positional[1] if len(positional) > 1 else 0), (positional[0] if positional else 0)
            return self.add("metric", (truth, guess), {"metric": tail, "on": self.code(expr.args[0].value) if expr.args else ""}, expr)
        if bare in kb.SELECT_FUNCTIONS or (method in kb.SELECT_METHODS and recv):
            info = {"m": tail}
            if self.along_axis(expr, method, recv):
                info["axis"] = True
            return self.add("select", [recv, *positional, *keywords.values()], info, expr)
        if bare in kb.STAT_FUNCTIONS and positional:
            return self.add("stat", (positional[0],), {"m": tail, "on": self.code(expr.args[0].value), **per_row(expr)}, expr)
        if method in kb.STAT_METHODS and recv and not any(isinstance(p, int) and p for p in positional):
            return self.add("stat", (recv,), {"m": method, "on": self.code(func.value), **per_row(expr, True)}, expr)
        subset = (column_expression(self, expr, bare, positional) or formula_call(self, expr, bare, positional, keywords)
                  or frame_call(self, expr, method, recv, positional, keywords) or self.subset_call(expr, bare, method, recv, positional, keywords))
        if subset:
            return subset
        if bare in kb.CONCAT_FUNCTIONS and positional:
            parts = positional[0]
            items = self.inputs[parts] if isinstance(parts, int) and parts and self.info(parts).get("op") == "tuple" else (parts,)
            return self.add("concat", items, {"m": tail}, expr)
        if bare in ("builtins.next", "builtins.iter", "builtins.list") and positional and self.kinds[positional[0] if isinstance(positional[0], int) else 0] == "split":
            return positional[0]
        if bare in kb.HASHERS:
            return self.add("hash", [*positional, *keywords.values()], {"m": tail}, expr)
        if method in ("hexdigest", "digest") and recv and self.kinds[recv] == "hash":
            return recv
        if method == "pop" and recv and positional and isinstance(positional[0], str):
            self.rebind(func.value, self.add("drop", (recv,), {"cols": [positional[0]]}, expr))
            return self.add("col", (recv,), {"cols": [positional[0]]}, expr)
        if method == "get" and recv and positional and isinstance(positional[0], str):
            return self.add("col", (recv,), {"cols": [positional[0]]}, expr)
        if method in ("fillna", "replace", "clip", "where", "mask") and recv:
            stats = [v for v in [*positional, *keywords.values()] if isinstance(v, int) and v and self.kinds[v] == "stat"]
            if stats:  # `x.fillna(x.mean())`: an imputation fit on what the statistic summarised
                stat = stats[0]
                fit = self.add("fit", (0, self.inputs[stat][0], 0),
                               {"cls": self.info(stat).get("m", "statistic"), "kind": "stat", "m": method,
                                "on": self.info(stat).get("on", "")}, expr)
                return self.add("xform", (fit, recv), {"m": method}, expr)
        if method in kb.MUTATORS and recv:
            changed = self.add("op", [recv, *positional, *keywords.values()], {"op": method}, expr)
            self.rebind(func.value, changed)
            return 0
        if callee and isinstance(callee, int):
            return self.apply(expr, callee, qn, positional, keywords)
        return self.generic(expr, qn, method, recv, positional, keywords)

    # -- kinds of calls -------------------------------------------------------------------------
    def model_call(self, expr: cst.Call, recv: int, positional: list[Value], keywords: dict[str, Value]) -> int:
        info: dict[str, Any] = {}
        model = keywords.get("model", keywords.get("model_name", keywords.get("engine")))
        if isinstance(model, str):
            info["model"] = model
        inputs = [recv, *positional, *keywords.values()]
        info["kw"] = {name: len(positional) + 1 + i for i, name in enumerate(keywords)}
        return self.add("llm", inputs, info, expr)

    def is_data(self, node: int) -> bool:
        """A table or array (pandas' `.transform`, `.apply`), not a fitted transformer."""
        kind = self.kinds[node]
        if kind in ("col", "subset", "src", "setcol", "drop", "part", "concat", "stat", "xform"):
            return True
        return kind == "call" and self.info(node).get("m") in ("groupby", "rolling", "expanding", "resample", "ewm")

    def writes(self, expr: cst.Call, bare: str) -> bool:
        """`open(path, "w")`: a file opened for writing is not data read."""
        if bare not in ("builtins.open", "io.open", "jsonlines.open"):
            return False
        mode = self.keyword_literal(expr, "mode")
        args = [a for a in expr.args if a.keyword is None]
        if mode is None and len(args) > 1:
            mode = self.constant(args[1].value)
        return isinstance(mode, str) and any(ch in mode for ch in "wax")

    def with_on(self, info: dict[str, Any], expr: cst.Call, index: int = 0) -> dict[str, Any]:
        args = [a for a in expr.args if a.keyword is None]
        if len(args) > index:
            info["on"] = self.code(args[index].value)
        return info

    def splitter_shuffle(self, recv: int) -> Any:
        if not recv:
            return None
        return self.info(recv).get("lits", {}).get("shuffle")

    def keyword_literal(self, expr: cst.Call, keyword: str) -> Any:
        for arg in expr.args:
            if arg.keyword is not None and arg.keyword.value == keyword:
                return self.constant(arg.value)
        return None

    @staticmethod
    def constant(expr: cst.BaseExpression) -> Any:
        if isinstance(expr, cst.Name) and expr.value in ("True", "False", "None"):
            return {"True": True, "False": False, "None": None}[expr.value]
        if isinstance(expr, (cst.Integer, cst.Float)):
            return expr.value
        if isinstance(expr, (cst.SimpleString, cst.ConcatenatedString, cst.List, cst.Tuple)):
            return literal_value(expr)  # a string, or `["store", "date"]`
        return None

    def source_info(self, expr: cst.Call, call: str, positional: list[Value], keywords: dict[str, Value]) -> dict[str, Any]:
        info: dict[str, Any] = {"call": call.rsplit(".", 1)[-1]}
        args = [a for a in expr.args if a.keyword is None]
        path = pattern_value(args[0].value) if args else None
        first = positional[0] if positional else 0
        if not path and isinstance(first, int) and first and self.kinds[first] == "param":
            path = self.info(first).get("default") if isinstance(self.info(first).get("default"), str) else None  # `data="x.csv"`
        if path in kb.BUILDER_FORMATS:  # `load_dataset("csv", data_files="data/notes.csv")`: the file is the source
            path = next((pattern_value(a.value) for a in expr.args if a.keyword and a.keyword.value == "data_files"), None) or path
        if path:
            info["path"] = path[:120]
        role = self.call_role(expr, positional, keywords) or (kb.literal_role(path) if path else None)
        if role:
            info["role"] = role
        if isinstance(self.keyword_literal(expr, "index_col"), str):
            info["index"] = self.keyword_literal(expr, "index_col")  # `read_csv(..., index_col="date")`
        return info

    def call_role(self, expr: cst.Call, positional: list[Value], keywords: dict[str, Value]) -> str | None:
        return call_role(self, expr, positional, keywords)

    def fit_call(self, expr: cst.Call, qn: str | None, method: str, recv: int, positional: list[Value],
                 keywords: dict[str, Value]) -> int:
        owner = qn[: -len(method) - 1] if qn and qn.endswith("." + method) else None
        cls = plain(owner) if owner and owner.endswith("()") else None
        kind = "preproc" if method in ("fit_on_texts", "adapt", "train_from_iterator") else kb.fit_kind(cls, method)
        if cls in kb.LABEL_VOCABULARY:
            kind = "labels"
        x = next((keywords[k] for k in kb.TRAINING_KEYWORDS if k in keywords), positional[0] if positional else 0)
        y = keywords.get("y", positional[1] if len(positional) > 1 else 0)
        inputs: list[Value] = [recv, x, y]
        info: dict[str, Any] = {"cls": cls or "", "kind": kind, "m": method}
        args = [a for a in expr.args if a.keyword is None]
        if args:
            info["on"] = self.code(args[0].value)
        held = next((keywords[k] for k in kb.HELD_OUT_KEYWORDS if k in keywords), positional[2] if len(positional) > 2 and (cls or "").endswith("Trainer") else 0)
        if not held and not cls and method == "fit" and len(positional) == 4 and not keywords:
            held = positional[2]  # `model.fit(X_tr, y_tr, X_va, y_va)` of a model class of the repo: validation data
            info["val_positional"] = 1
        if isinstance(held, int) and held:
            info["eval"] = len(inputs)
            inputs.append(held)
        text = self.ctx.code(expr)
        ctor = self.refs[recv] if recv and self.kinds[recv] == "call" else None
        ctor_text = self.ctx.code(ctor) if isinstance(ctor, cst.Call) else ""
        listed = keywords.get("callbacks", 0)  # `callbacks=callbacks` / `[ckpt]`: checkpoints made before the call
        text += self.listed_code(listed)
        if any(s in text or s in ctor_text for s in (*kb.STOPPING_NAMES, *kb.STOPPING_KEYWORDS)) or plain(cls or "") in kb.SELECTING_FITS:
            info["stop"] = 1
        fitted = self.add("fit", inputs, info, expr)
        if isinstance(expr.func, cst.Attribute) and not self.is_module(expr.func.value):
            self.rebind(expr.func.value, fitted)
        if method in kb.RESAMPLE_METHODS and isinstance(y, int) and y:
            # `X_res, y_res = smote.fit_resample(X, y)`: the resampled features, and the labels
            pair = (self.add("xform", (fitted, x), {"m": method}, expr), self.add("xform", (fitted, y), {"m": method}, expr))
            return self.add("op", pair, {"op": "tuple"}, expr)
        if method == "fit_transform" or method in kb.RESAMPLE_METHODS:
            return self.add("xform", (fitted, x), {"m": method}, expr)
        if method == "fit_predict":
            return self.add("pred", (fitted, x), {"m": method}, expr)
        return fitted

    def subset_call(self, expr: cst.Call, bare: str, method: str, recv: int, positional: list[Value],
                    keywords: dict[str, Value]) -> int | None:
        if method == "drop" and recv:
            cols = self.literal(keywords.get("columns", 0))
            axis = self.keyword_literal(expr, "axis")
            if cols is None and positional and (axis in ("1", 1, "columns")):
                cols = self.literal(positional[0])
            if cols is not None:
                return self.add("drop", (recv,), {"cols": [cols] if isinstance(cols, str) else list(cols)}, expr)
            rows = keywords.get("index", positional[0] if positional else 0)
            return self.add("subset", (recv, rows if isinstance(rows, int) else 0), {"how": "drop"}, expr)
        sampler = bare in kb.SAMPLERS or (method in kb.SAMPLER_METHODS and bare.startswith(
            ("random.Random.", "numpy.random.default_rng.", "numpy.random.RandomState.", "numpy.random.Generator.")))
        if sampler and positional:
            return self.add("subset", (positional[0],), {"how": "sample"}, expr)
        if method == "unique" and (positional or keywords):
            return None  # `ds.unique("label")` (datasets): the distinct values of a column, not rows
        if method in kb.SUBSET_METHODS and recv:
            how = "dedup" if method in kb.DEDUP_METHODS else method
            info: dict[str, Any] = {"how": how}
            if method == "unique" or (method == "select" and first_rows(expr)):
                # distinct values: rows only when bound and used as data; `ds.select(range(n))`: the first n rows
                info["values" if method == "unique" else "head"] = True
            if method == "sample":  # `df.sample(n=400, random_state=1)`: which draw it is
                seeds = [self.constant(a.value) for a in expr.args if a.keyword is not None
                         and a.keyword.value in ("random_state", "seed")]
                info["seed"] = seeds[0] if seeds and seeds[0] is not None else "unseeded"
            by = self.literal(keywords.get("subset", positional[0] if positional else 0))
            if by is not None and method in ("drop_duplicates", "dropna"):
                info["by"] = [by] if isinstance(by, str) else list(by)
            return self.add("subset", (recv,), info, expr)
        return None

    def along_axis(self, expr: cst.Call, method: str, recv: Value) -> bool:
        """`logits.argmax(1)`, `np.argmax(p, axis=-1)`, `torch.max(out, dim=1)`: one pick per row
        (a prediction over classes), not a choice among whole evaluations."""
        args = list(expr.args)
        if any(a.keyword is not None and a.keyword.value in ("axis", "dim") for a in args):
            return True
        positional = [a for a in args if a.keyword is None]
        rest = positional if (method and recv) else positional[1:]
        first = rest[0].value if rest else None
        if isinstance(first, cst.UnaryOperation) and isinstance(first.operator, cst.Minus):
            first = first.expression
        return isinstance(first, cst.Integer)

    def apply(self, expr: cst.Call, callee: int, qn: str | None, positional: list[Value], keywords: dict[str, Value]) -> int:
        kw = {name: 1 + len(positional) + i for i, name in enumerate(keywords)}  # each keyword's input position
        if self.kinds[callee] == "op" and self.info(callee).get("op") == "lambda":  # `mk("X_test", "y_test")`: no model
            return self.add("op", (callee, *positional, *keywords.values()), {"op": "call"}, expr)
        return self.add("apply", (callee, *positional, *keywords.values()), {"kw": kw} if kw else {}, expr)

    def generic(self, expr: cst.Call, qn: str | None, method: str, recv: int, positional: list[Value],
                keywords: dict[str, Value]) -> Value:
        inputs: list[Value] = [recv, *positional]
        info: dict[str, Any] = {}
        if qn:
            info["fn"] = qn
        elif isinstance(expr.func, cst.Name):
            info["callee"] = expr.func.value  # a name bound nowhere in the repo: a library or a notebook magic
        if method:
            info["m"] = method
        if keywords:
            info["kw"] = {name: len(inputs) + position for position, name in enumerate(keywords)}
            inputs.extend(keywords.values())
        lits = {}
        for index, arg in enumerate(expr.args):
            constant = self.constant(arg.value)
            if constant is not None and (isinstance(constant, bool) or len(str(constant)) <= 60):
                lits[arg.keyword.value if arg.keyword is not None else str(index)] = constant
        if lits:
            info["lits"] = lits
        if method == "astype" and expr.args and isinstance(expr.args[0].value, (cst.Name, cst.Attribute)):
            to = expr.args[0].value  # `astype(int)`, `astype(np.float32)`: the type, as written
            info["to"] = to.value if isinstance(to, cst.Name) else to.attr.value
        role = self.call_role(expr, positional, keywords)
        if role:
            info["role"] = role
        if method == "format" and isinstance(recv, int) and recv == 0 and isinstance(expr.func, cst.Attribute):
            template = string_value(expr.func.value)
            if template is not None:
                info["op"] = "fmt"
                info["text"] = template[:80]
        template = template_argument(expr, qn, method)
        if template is not None:
            info["template"] = template[:2000]  # `Template("...$answer")`, `env.from_string(...)`: filled later
        if (plain(qn or "") in kb.SAVE_FUNCTIONS) or method in kb.SAVE_METHODS:
            info["save"] = 1
        if not any(isinstance(i, int) and i for i in inputs) and (qn or "").startswith("builtins."):
            return 0
        return self.add("call", inputs, info, expr)

    def rebind(self, target: cst.BaseExpression, value: int, where: cst.CSTNode | None = None) -> None:
        """A call changed its receiver in place (`x.fit(...)`, `rows.append(...)`, `df["a"].fillna(
        m, inplace=True)`: a column changed in place is that column assigned)."""
        if isinstance(target, cst.Subscript) and where is not None and hasattr(self, "bind"):
            self.bind(target, value, where)
        elif isinstance(target, cst.Name):
            for scope in reversed(self.scopes):
                if target.value in scope:
                    scope[target.value] = value
                    return
            self.scopes[-1][target.value] = value
        elif (isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name)
              and target.value.value == self.self_name and self.class_name):
            self.attributes.setdefault(self.class_name, {}).setdefault(target.attr.value, []).append(value)


# Prompt templates made from a string and filled later (`PROMPT.substitute(**item)`,
# `template.render(item=item)`): string.Template, jinja2, LangChain.
_TEMPLATE_CLASSES = frozenset({"Template", "PromptTemplate", "ChatPromptTemplate"})
_TEMPLATE_FACTORIES = frozenset({"from_string", "from_template"})


def template_argument(expr: cst.Call, qn: str | None, method: str) -> str | None:
    """The text a template object is made from (its first argument, or `template=`), else None."""
    if (qn or "").rsplit(".", 1)[-1] not in _TEMPLATE_CLASSES and method not in _TEMPLATE_FACTORIES:
        return None
    for arg in expr.args:
        if arg.keyword is None or arg.keyword.value in ("template", "source"):
            return string_value(arg.value)
    return None


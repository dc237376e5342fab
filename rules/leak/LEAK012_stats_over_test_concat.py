"""LEAK012: normalisation statistics computed over training and test data joined together."""
from __future__ import annotations

import ast
import re

import libcst as cst

from hygiene.analysis.apis import plain
from hygiene.analysis.apis.torch import name_tokens
from hygiene.analysis.stdast import FUNCTIONS, module_tree, own_nodes, scopes
from hygiene.analysis.strings import string_value
from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, notebook, valid
from hygiene.walk import iter_nodes, scope_nodes, walk_scope

# Calls that join arrays, tensors or frames along the rows.
JOINS = frozenset("""
torch.cat torch.concat torch.concatenate torch.vstack torch.stack numpy.concatenate numpy.vstack numpy.row_stack
numpy.stack numpy.append pandas.concat
""".split())
# Statistics a normalisation is made of.
STATS = frozenset("mean std var nanmean nanstd nanvar min max amin amax median quantile percentile".split())
_TEST_WORDS = frozenset({"test", "tst", "holdout", "heldout", "eval", "evaluation"})
_TRAIN_WORDS = frozenset({"train", "training", "tr", "trn"})
_NORMALISERS = ("normaliz", "normalis", "standardi", "scale", "whiten")


_FIT_METHODS = frozenset({"fit", "fit_transform", "partial_fit", "adapt", "fit_on_texts"})
_FITS_TEXT = re.compile(r"\.(fit|fit_transform|partial_fit|adapt|fit_on_texts)\(")
# Preprocessors whose fit learns statistics of the rows (a model fitted on joined rows is LEAK002's).
_PREPROCESSOR = re.compile(r"(?i)scal|normali[sz]|standardi|imput|pca|svd|whiten|vectori[sz]|tfidf|tokeni[sz]|"
                           r"kbins|quantile|power_?trans|selectk|select_?k|feature_?select|discreti")


def _words(name: str) -> set[str]:
    return set(name_tokens(name.rsplit(".", 1)[-1]))


class StatsOverTestConcat(Rule):
    """
    ## What it does
    Finds normalisation statistics (a mean, standard deviation, variance, minimum, maximum,
    median or quantile) computed over rows that join the training data with the test data:
    `torch.cat`, `np.concatenate`, `np.vstack`, `pd.concat` or `+` of lists whose parts are the
    training set and a test set (named so, or built with `train=False` / `split="test"`), when the
    statistics are returned, handed to a normaliser (`Normalize(mean, std)`, a scaler) or used to
    subtract or divide.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `torch.cat([x for x, _ in DataLoader(train)] + [x for x, _ in DataLoader(test)])` then `return data.mean(...), data.std(...)` (method) | yes | the training loader only |
    | `allx = np.concatenate([X_train, X_test]); X_train = (X_train - allx.mean(0)) / allx.std(0)` (script) | yes | `X_train.mean(0)` |
    | xarray `m = t2m.mean("time")`, `z = (t2m - m) / s`, then `z.sel(time=slice(...))` as train and test | yes | the statistics of `t2m.sel(time=<training years>)` |
    | `full = pd.concat([train_df, test_df]); mu = full["age"].mean()` used in `(df - mu)` (notebook) | yes | the joined frame only described (`print(full.describe())`) |
    | `pd.concat([train_df, val_df])` for the final fit's statistics | no: no test part | |

    ## Why is this bad?
    The mean and scale the model is trained with carry the test set's distribution, so the test
    rows are not unseen: the preprocessing has been fitted on them. The effect is small for
    image channel statistics and large for small tabular or time-series data, and in every case
    the reported test figure is not the figure of data the pipeline never saw.

    ## Example
        data = torch.cat([x for x, _ in DataLoader(train_set)] + [x for x, _ in DataLoader(test_set)])
        mean, std = data.mean(dim=[0, 2, 3]), data.std(dim=[0, 2, 3])

    Use instead:
        data = torch.cat([x for x, _ in DataLoader(train_set)])
        mean, std = data.mean(dim=[0, 2, 3]), data.std(dim=[0, 2, 3])
    """

    code = "LEAK012"
    category = "LEAK-PREPROC"
    severity = Severity.WARNING
    message = ("`{joined}` joins the training data with {test} and its {stats} are the normalisation "
               "statistics: the test rows are part of what the preprocessing is fitted on")
    question = "Should the statistics computed from `{joined}` at {where} come from the training rows only?"
    triggers = ("cat(", "concat", "stack(", "append(", ".sel(")  # a preprocessor fitted on a join has one too
    examples = [
        invalid("""
            import numpy as np
            from sklearn.preprocessing import StandardScaler
            X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
            scaler = StandardScaler().fit(np.vstack([X_train, X_test]))  # expect: LEAK012
            model = Ridge().fit(scaler.transform(X_train), y_train)
        """, note="a scaler fitted on the train and test rows stacked together"),
        invalid("""
            import pandas as pd
            full = pd.concat([train_df, test_df])  # expect: LEAK012
            tfidf = TfidfVectorizer(min_df=2)
            tfidf.fit(full["text"])
        """, note="a vectoriser's vocabulary from a joined frame"),
        valid("""
            import numpy as np
            from sklearn.preprocessing import StandardScaler
            scaler = StandardScaler().fit(np.vstack([X_train, X_val]))
            model = Ridge().fit(scaler.transform(X_train), y_train)
        """, note="training and validation rows joined for the final preprocessing: no test part"),
        invalid("""
            import xarray as xr
            ds = xr.open_dataset("data/era5_t2m_monthly.nc")
            t2m = ds["t2m"]
            clim_mean = t2m.mean("time")  # expect: LEAK012
            clim_std = t2m.std("time")
            z = (t2m - clim_mean) / clim_std
            train = z.sel(time=slice("1979-01-01", "2012-12-31"))
            test = z.sel(time=slice("2013-01-01", "2022-12-31"))
        """, note="probe 18: an xarray climatology over the whole record, the periods cut from the standardised field"),
        valid("""
            import xarray as xr
            ds = xr.open_dataset("data/era5_t2m_monthly.nc")
            t2m = ds["t2m"]
            base = t2m.sel(time=slice("1979-01-01", "2012-12-31"))
            clim_mean = base.mean("time")
            clim_std = base.std("time")
            z = (t2m - clim_mean) / clim_std
            train = z.sel(time=slice("1979-01-01", "2012-12-31"))
            test = z.sel(time=slice("2013-01-01", "2022-12-31"))
        """, note="near miss: the climatology of the training years only"),
        invalid("""
            import torch
            import torchvision
            import torchvision.transforms as transforms
            from torch.utils.data import DataLoader

            class Cifar:
                def __init__(self, batch_size):
                    mean, std = self._get_statistics()
                    train_transform = transforms.Compose([transforms.ToTensor(), transforms.Normalize(mean, std)])
                    self.train = torchvision.datasets.CIFAR10(root="./data", train=True, transform=train_transform)

                def _get_statistics(self):
                    train_set = torchvision.datasets.CIFAR10(root="./data", train=True, transform=transforms.ToTensor())
                    test_set = torchvision.datasets.CIFAR10(root="./data", train=False, transform=transforms.ToTensor())
                    data = torch.cat([d[0] for d in DataLoader(train_set)] + [d[0] for d in DataLoader(test_set)])  # expect: LEAK012
                    return data.mean(dim=[0, 2, 3]), data.std(dim=[0, 2, 3])
        """, note="real bug 11 (sam): channel statistics over the training and the test images"),
        valid("""
            import torch
            import torchvision
            import torchvision.transforms as transforms
            from torch.utils.data import DataLoader

            class Cifar:
                def _get_statistics(self):
                    train_set = torchvision.datasets.CIFAR10(root="./data", train=True, transform=transforms.ToTensor())
                    data = torch.cat([d[0] for d in DataLoader(train_set)])
                    return data.mean(dim=[0, 2, 3]), data.std(dim=[0, 2, 3])
        """, note="the twin: the training images only"),
        invalid("""
            import numpy as np
            X_train, X_test = np.load("train.npy"), np.load("test.npy")
            allx = np.concatenate([X_train, X_test], axis=0)  # expect: LEAK012
            mu, sigma = allx.mean(axis=0), allx.std(axis=0)
            X_train = (X_train - mu) / sigma
            X_test = (X_test - mu) / sigma
        """, note="script: z-scores from the joined arrays"),
        valid("""
            import numpy as np
            X_train, X_test = np.load("train.npy"), np.load("test.npy")
            allx = np.concatenate([X_train, X_test], axis=0)
            print("rows:", allx.shape[0], "range:", allx.min(), allx.max())
            mu, sigma = X_train.mean(axis=0), X_train.std(axis=0)
            X_train = (X_train - mu) / sigma
            X_test = (X_test - mu) / sigma
        """, note="near miss: the joined rows are only described; the statistics come from the training rows"),
        invalid({"prep.ipynb": notebook(
            """
            import pandas as pd
            train_df = pd.read_csv("train.csv")
            test_df = pd.read_csv("test.csv")
            """,
            """
            full = pd.concat([train_df, test_df])  # expect: LEAK012
            age_mean, age_std = full["age"].mean(), full["age"].std()
            for df in (train_df, test_df):
                df["age"] = (df["age"] - age_mean) / age_std
            """,
        )}, note="notebook: a frame's column statistics over both splits"),
        valid("""
            import pandas as pd
            train_df, val_df = pd.read_csv("train.csv"), pd.read_csv("val.csv")
            final = pd.concat([train_df, val_df])
            mu, sd = final["age"].mean(), final["age"].std()
            final["age"] = (final["age"] - mu) / sd
        """, note="near miss: training and validation joined for the final fit; no test rows"),
    ]

    def visit_Module(self, node: cst.Module) -> None:
        self._scope(node)
        if ".sel(" in self.ctx.text:
            tree = module_tree(self.ctx)
            if tree is not None:
                for scope in scopes(tree):
                    self._period_cut_after_stats(scope)

    def _period_cut_after_stats(self, scope: ast.AST) -> None:
        """xarray: `clim_mean = t2m.mean("time")`, `z = (t2m - clim_mean) / clim_std`, then `train = z.sel(time=slice(
        "1979", "2012"))` and `test = z.sel(time=slice("2013", "2022"))`: the statistics along the dimension the
        periods are cut from span the test period (probe 18: an ERA5 climatology over the whole record)."""
        nodes = [n for n in own_nodes(scope) if n is not scope and not isinstance(n, FUNCTIONS)]
        stats: dict[str, tuple[str, str, ast.Assign]] = {}  # stat name -> (data name, dimension, assignment)
        scaled: dict[str, tuple[str, ast.Assign]] = {}  # scaled name -> (the stat it uses, its assignment)
        for n in nodes:
            if not (isinstance(n, ast.Assign) and len(n.targets) == 1 and isinstance(n.targets[0], ast.Name)):
                continue
            target, value = n.targets[0].id, n.value
            if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and value.func.attr in STATS \
                    and isinstance(value.func.value, ast.Name):
                dims = [a.value for a in value.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
                dims += [k.value.value for k in value.keywords if k.arg == "dim" and isinstance(k.value, ast.Constant)
                         and isinstance(k.value.value, str)]
                if dims:
                    stats[target] = (value.func.value.id, dims[0], n)
                continue
            if isinstance(value, ast.BinOp) and isinstance(value.op, (ast.Sub, ast.Div)):
                used = [m.id for m in ast.walk(value) if isinstance(m, ast.Name) and m.id in stats]
                data = {stats[u][0] for u in used}
                if used and any(isinstance(m, ast.Name) and m.id in data for m in ast.walk(value)):
                    scaled[target] = (min(used, key=lambda u: stats[u][2].lineno), n)
        if not scaled:
            return
        roles: dict[str, set[str]] = {}
        for n in nodes:
            if not (isinstance(n, ast.Assign) and len(n.targets) == 1 and isinstance(n.targets[0], ast.Name)):
                continue
            value = n.value
            if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and value.func.attr == "sel" \
                    and isinstance(value.func.value, ast.Name) and value.func.value.id in scaled:
                stat = stats[scaled[value.func.value.id][0]]
                cut = next((k for k in value.keywords if k.arg == stat[1] and isinstance(k.value, ast.Call)
                            and isinstance(k.value.func, ast.Name) and k.value.func.id == "slice"), None)
                if cut is None:
                    continue
                words = _words(n.targets[0].id)
                role = "train" if words & _TRAIN_WORDS else "test" if words & (_TEST_WORDS | {"val", "valid", "dev"}) else None
                if role:
                    roles.setdefault(value.func.value.id, set()).add(role)
        for name, found in roles.items():
            if {"train", "test"} <= found:
                stat_name = scaled[name][0]
                data, dim, assign = stats[stat_name]
                self.ctx.report(type(self), None, line=assign.lineno, snippet=ast.unparse(assign)[:120],
                                fields={"joined": data, "test": f"the test period of `{name}`", "stats": stat_name},
                                message=f"`{stat_name}` is computed over all of `{data}` along `{dim}`, and `{name}`, "
                                        f"scaled with it, is only then cut by `{dim}` into training and test periods: "
                                        "the normalisation statistics include the test period")
                return

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._scope(node.body)

    def _scope(self, root: cst.CSTNode) -> None:
        assigns = scope_nodes(root, (cst.Assign,))  # the scope's other nodes only once a join is found (issue 12)
        joins: dict[str, tuple[cst.CSTNode, str]] = {}  # joined name -> (its assignment, the test part)
        built: dict[str, cst.BaseExpression] = {}
        for n in assigns:
            if len(n.targets) == 1 and isinstance(n.targets[0].target, cst.Name):
                built[n.targets[0].target.value] = n.value
        for n in assigns:
            if not (len(n.targets) == 1 and isinstance(n.targets[0].target, cst.Name)):
                continue
            test = self._test_part(n.value, built)
            if test:
                joins[n.targets[0].target.value] = (n, test)
        fitted = self._preprocessor_fits(root, joins, built)
        if not joins:
            return
        nodes = list(walk_scope(root))
        for name, (assign, test) in joins.items():
            stats = self._normalising_stats(nodes, name, assign)
            if stats and id(assign) not in fitted:
                self.report(assign, related=[Location(self.ctx.path, self.ctx.line_of(stats[0]), "the statistics")],
                            joined=name, test=test,
                            stats=" and ".join(sorted({_stat_name(s) for s in stats})))

    def _preprocessor_fits(self, root: cst.CSTNode, joins: dict[str, tuple[cst.CSTNode, str]],
                           built: dict[str, cst.BaseExpression]) -> set[int]:
        """`StandardScaler().fit(np.vstack([X_train, X_test]))`, or `.fit_transform(allx)` of a joined
        name: a preprocessor fitted on the joined rows (reported at the join; ids of the joins reported)."""
        reported: set[int] = set()
        if not _FITS_TEXT.search(self.ctx.text):  # the file's text: no code generated for a scope (issue 12)
            return reported
        for call in scope_nodes(root, (cst.Call,)):
            func = call.func
            if not (isinstance(func, cst.Attribute) and func.attr.value in _FIT_METHODS and call.args
                    and _PREPROCESSOR.search(self.ctx.code(func.value))):
                continue
            data = call.args[0].value
            while isinstance(data, (cst.Subscript, cst.Attribute)):
                data = data.value  # `full["text"]`, `full.values`: the joined rows' columns
            if isinstance(data, cst.Name) and data.value in joins:
                at, test = joins[data.value]
                joined = data.value
            else:
                at, test, joined = call, self._test_part(data, built), " ".join(self.ctx.code(data).split())[:60]
            if test and id(at) not in reported:
                reported.add(id(at))
                self.report(at, related=[Location(self.ctx.path, self.ctx.line_of(call), "the preprocessor fitted on it")],
                            joined=joined, test=test, stats=f"`{self.ctx.code(func.value)}.{func.attr.value}` statistics")
        return reported

    # -- the join -----------------------------------------------------------------------------------
    def _parts(self, value: cst.BaseExpression) -> list[cst.BaseExpression] | None:
        """The parts a join puts together: the list of `torch.cat([...])`, the operands of `a + b`."""
        if isinstance(value, cst.Call):
            name = plain(self.qualified_name(value.func) or "")
            if name not in JOINS or not value.args:
                return None
            first = value.args[0].value
            if name == "numpy.append" and len(value.args) >= 2:
                return [first, value.args[1].value]
            if isinstance(first, (cst.List, cst.Tuple)):
                return [e.value for e in first.elements]
            if isinstance(first, cst.BinaryOperation) and isinstance(first.operator, cst.Add):
                return _operands(first)
            return None
        if isinstance(value, cst.BinaryOperation) and isinstance(value.operator, cst.Add):
            operands = _operands(value)
            if all(isinstance(o, (cst.List, cst.ListComp)) for o in operands):
                return operands
        return None

    def _test_part(self, value: cst.BaseExpression, built: dict[str, cst.BaseExpression]) -> str | None:
        """`the test set `test_set`` when one part of the join is test data and another training data."""
        parts = self._parts(value)
        if not parts or len(parts) < 2:
            return None
        test = train = None
        for part in parts:
            names = [dotted for dotted in _names(part)]
            role = None
            for name in names:
                role = _role(name, built.get(name))
                if role:
                    break
            if role == "test" and test is None:
                test = name
            elif role == "train":
                train = name
        if test is None or train is None:
            return None
        return f"the test data `{test}`"

    # -- the statistics -------------------------------------------------------------------------------
    def _normalising_stats(self, nodes: list[cst.CSTNode], name: str, assign: cst.CSTNode) -> list[cst.Call]:
        """Statistic calls over `name` after its assignment whose result is returned, handed to a
        normaliser or used to subtract or divide."""
        after = False
        stats: list[cst.Call] = []
        used = False
        for n in nodes:
            if n is assign:
                after = True
                continue
            if not after:
                continue
            if isinstance(n, cst.Call) and _stat_of(n, name):
                stats.append(n)
        if not stats:
            return []
        ids = {id(s) for s in stats}
        bound: set[str] = set()
        for n in nodes:
            if isinstance(n, cst.Return) and n.value is not None and any(id(x) in ids for x in iter_nodes(n.value)):
                used = True
            elif isinstance(n, cst.Assign) and any(id(x) in ids for x in iter_nodes(n.value)):
                for t in n.targets:
                    bound |= {x.value for x in iter_nodes(t.target) if isinstance(x, cst.Name)}
        if not used and bound:
            for n in nodes:
                if isinstance(n, cst.BinaryOperation) and isinstance(n.operator, (cst.Subtract, cst.Divide)):
                    if {x.value for x in iter_nodes(n) if isinstance(x, cst.Name)} & bound:
                        used = True
                        break
                if isinstance(n, cst.Call):
                    callee = (self.ctx.code(n.func) or "").lower()
                    if any(word in callee for word in _NORMALISERS) and \
                            {x.value for a in n.args for x in iter_nodes(a.value) if isinstance(x, cst.Name)} & bound:
                        used = True
                        break
        return stats if used else []


def _operands(expr: cst.BinaryOperation) -> list[cst.BaseExpression]:
    out: list[cst.BaseExpression] = []
    for side in (expr.left, expr.right):
        if isinstance(side, cst.BinaryOperation) and isinstance(side.operator, cst.Add):
            out.extend(_operands(side))
        else:
            out.append(side)
    return out


def _names(part: cst.BaseExpression) -> list[str]:
    """The data a part is made of: the names it reads, the iterable's first (`DataLoader(test_set)`)."""
    found = []
    for node in iter_nodes(part):
        if isinstance(node, cst.Name):
            found.append(node.value)
    return found


def _role(name: str, value: cst.BaseExpression | None) -> str | None:
    """"test" or "train" from the name's words or from the call that built it (`train=False`, `split="test"`)."""
    words = _words(name)
    if words & _TEST_WORDS:
        return "test"
    if words & _TRAIN_WORDS:
        return "train"
    if isinstance(value, cst.Call):
        for arg in value.args:
            if arg.keyword is None:
                continue
            key = arg.keyword.value
            if key == "train" and isinstance(arg.value, cst.Name) and arg.value.value in ("True", "False"):
                return "train" if arg.value.value == "True" else "test"
            if key in ("split", "subset") and string_value(arg.value) in ("test", "eval", "train"):
                return "train" if string_value(arg.value) == "train" else "test"
    return None


def _stat_name(call: cst.Call) -> str:
    func = call.func
    return func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else "statistic"


def _stat_of(call: cst.Call, name: str) -> bool:
    """`name.mean(...)`, `name["col"].std()`, `np.mean(name, ...)`."""
    func = call.func
    if not isinstance(func, cst.Attribute) or func.attr.value not in STATS:
        return False
    receiver = func.value
    while isinstance(receiver, cst.Subscript):
        receiver = receiver.value
    if isinstance(receiver, cst.Name) and receiver.value == name:
        return True
    if isinstance(receiver, (cst.Name, cst.Attribute)) and call.args:
        first = call.args[0].value
        module = receiver.value if isinstance(receiver, cst.Name) else None
        return module in ("np", "numpy", "torch") and isinstance(first, cst.Name) and first.value == name
    return False

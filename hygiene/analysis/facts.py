"""Facts the engine records about every code file, for rules, the checklist and the repo phase.

An extractor is a visitor like a rule (it rides the shared walk) that writes JSON-able facts into
`ctx.facts[<name>]`. They are cached with the file, so the repo phase costs no parse.

`rng`: where each scope seeds and draws randomness and what it calls (hygiene.analysis.randomness).

`io`: the files the code reads and writes, as
    {"mode": "read" | "write" | "download", "path": "results/metrics.json", "line": 53, "call": "json.dump"}
with the path resolved from literals, f-strings (fields become `*`), `os.path.join`, `Path / "x"`,
constants assigned in the file, and argparse defaults (`args.out` where `--out` has a default).
A path passed to a function of the same file that opens its parameter is recorded at the open,
once per call site (`score("runs/a.jsonl")` with `def score(path): open(path)`); `glob` patterns
count as reads.

`io_attr`: IO whose path is an attribute this file cannot resolve (`Path(cfg.out).write_text`,
`cfg` built in another module), as {"mode", "attr": "out", "template": "{out}" or "{out}/x.json",
"line", "call"}; the repo phase fills `{out}` from the `path_defaults` of the imported modules.
`io_params`: module-level functions that open a parameter, {"function": "utils.save_jsonl",
"index", "param", "mode", "line", "call"}; `path_calls`: calls of other functions with path
arguments, {"callee", "args", "kwargs", "line"}; the repo phase joins the two across files.
`path_defaults`: {name: path} for module- and class-level assignments (dataclass fields) and
argparse defaults whose value looks like a path.
`imports`: the dotted names this file imports (`from grade import f` gives `grade.f`), relative
imports resolved; `hygiene.analysis.modules` maps them to repo files.
`activity`: what the code does (splits, model calls, metrics, tuning, tests): `hygiene.analysis.activity`.
"""
from __future__ import annotations

import os
from typing import Any, ClassVar

import libcst as cst

from hygiene.analysis.activity import ActivityExtractor
from hygiene.analysis.apis.written import files_written, is_output_dir_config
from hygiene.context import FileContext
from hygiene.analysis.dataflow.builder import DataflowBuilder
from hygiene.analysis.flag_guards import FlagGuardExtractor
from hygiene.analysis.seed_comments import SeedCommentExtractor
from hygiene.analysis.toy_draws import ToyDrawExtractor
from hygiene.analysis.names import _import_targets
from hygiene.analysis.strings import pattern_value

READERS = {
    "builtins.open": None,  # the mode decides
    "io.open": None,
    "pandas.read_csv": "read", "pandas.read_json": "read", "pandas.read_parquet": "read",
    "pandas.read_table": "read", "pandas.read_excel": "read", "pandas.read_pickle": "read",
    "pandas.read_feather": "read", "polars.read_csv": "read", "polars.read_parquet": "read",
    "polars.read_ndjson": "read", "polars.scan_parquet": "read", "polars.read_json": "read",
    "numpy.load": "read", "numpy.loadtxt": "read", "numpy.genfromtxt": "read",
    "numpy.save": "write", "numpy.savez": "write", "numpy.savetxt": "write",
    "torch.load": "read", "torch.save": "write", "joblib.load": "read", "joblib.dump": "write",
    "datasets.load_from_disk": "read", "jsonlines.open": None,
    "matplotlib.pyplot.savefig": "write", "pathlib.Path": None,
    # A downloaded file is an input fetched from elsewhere, not something the code produces.
    "urllib.request.urlretrieve": "download", "wget.download": "download", "gdown.download": "download",
    # Listing files is how a script finds what it reads: `for f in glob("runs/*.jsonl")`.
    "glob.glob": "read", "glob.iglob": "read",
}
# Method names distinctive enough to trust without knowing the receiver.
METHOD_IO = {
    "to_csv": "write", "to_json": "write", "to_parquet": "write", "to_pickle": "write",
    "to_feather": "write", "to_excel": "write", "to_markdown": "write", "to_latex": "write",
    "write_csv": "write", "write_parquet": "write", "write_ndjson": "write", "write_json": "write",
    "savefig": "write", "save_to_disk": "write",
    "write_text": "write", "write_bytes": "write", "read_text": "read", "read_bytes": "read",
}
_ATTR_MARK = "\x00"  # brackets an unresolved attribute inside a path text: "\x00out\x00/x.json"
# Where the path argument sits (index, keyword) when it is not the first positional.
PATH_ARG = {"numpy.save": (0, "file"), "torch.save": (1, "f"), "joblib.dump": (1, "filename"),
            "urllib.request.urlretrieve": (1, "filename"), "wget.download": (1, "out"), "gdown.download": (1, "output")}


class Extractor:
    kinds: ClassVar[frozenset[str]] = frozenset({"python", "notebook"})

    def __init__(self, ctx: FileContext) -> None:
        self.ctx = ctx

    def finish(self) -> None:
        pass


class IOExtractor(Extractor):
    def __init__(self, ctx: FileContext) -> None:
        super().__init__(ctx)
        self.constants: dict[str, str] = {}
        self.cli_defaults: dict[str, str] = {}
        self.path_defaults: dict[str, str] = {}
        self.records: list[dict[str, Any]] = []
        self.attr_records: list[dict[str, Any]] = []
        # IO on a function's parameter, waiting for the calls that pass it a path:
        # (function name, parameter index, parameter name, mode, line, call).
        self.param_io: list[tuple[str, int, str, str, int | None, str]] = []
        # Calls of plain names with their argument texts: (function name, positional, keyword).
        self.calls: list[tuple[str, list[str | None], dict[str, str | None]]] = []
        self.path_calls: list[dict[str, Any]] = []
        self.output_dirs: list[str] = []  # `TrainingArguments(output_dir=...)`: where a trainer writes

    # Constants and argparse defaults ------------------------------------------------------------
    def visit_Assign(self, node: cst.Assign) -> None:
        if len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name):
            self._constant(node.targets[0].target.value, node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if isinstance(node.target, cst.Name) and node.value is not None:
            self._constant(node.target.value, node.value)

    def _constant(self, name: str, expr: cst.BaseExpression) -> None:
        value = self._text(expr)
        if value and len(value) < 300 and "\n" not in value and _ATTR_MARK not in value:
            self.constants[name] = value
            # Module constants and class attributes (dataclass fields) are what other modules'
            # `cfg.out` means; locals of functions are not.
            if self.ctx.names.scope.kind != "function" and _looks_like_path(value):
                self.path_defaults[name] = value

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value == "add_argument":
            self._argparse_default(node)
            return
        if isinstance(func, (cst.Name, cst.Attribute)) and node.args:
            self._remember_call(func, node)
        if isinstance(func, cst.Attribute) and func.attr.value in ("glob", "rglob") and len(node.args) == 1:
            base, pattern = self._text(func.value), pattern_value(node.args[0].value)
            if base is not None and _ATTR_MARK not in base and pattern is not None \
                    and self.ctx.names.qualified_name(func) != "glob.glob":
                self._record("read", f"{base.rstrip('/')}/{pattern}", node, f"Path.{func.attr.value}")
                return
        name = self.ctx.names.qualified_name(func)
        if is_output_dir_config(name):
            arg = _argument(node, 0, ("output_dir",))
            value = self._text(arg) if arg is not None else None
            if value:
                self.output_dirs.append(value)
            return
        if isinstance(func, cst.Attribute) and func.attr.value in ("save_metrics", "save_state"):
            split = pattern_value(node.args[0].value) if node.args else None
            # An output directory given on the command line (HfArgumentParser): any folder.
            for folder in dict.fromkeys(self.output_dirs or (["**"] if self._trainer_file() else [])):
                for file in files_written(func.attr.value, split):
                    self._record_text("write", f"{folder.rstrip('/')}/{file}", node, f"Trainer.{func.attr.value}")
            return
        mode: str | None = None
        if name in READERS:
            mode = READERS[name]
            if name in ("builtins.open", "io.open", "jsonlines.open"):
                mode = self._open_mode(node)
            elif name == "pathlib.Path":
                return  # Path(...) alone does no IO; its methods do (below)
        elif isinstance(func, cst.Attribute) and func.attr.value in METHOD_IO:
            mode = METHOD_IO[func.attr.value]
            if func.attr.value in ("write_text", "write_bytes", "read_text", "read_bytes"):
                self._record_expr(mode, func.value, node, name or func.attr.value)
                return
        elif isinstance(func, cst.Attribute) and func.attr.value == "open" and not node.args:
            self._record_expr("read", func.value, node, "Path.open")  # Path("x").open()
            return
        if mode is None:
            return
        index, keyword = PATH_ARG.get(name or "", (0, "path"))
        arg = _argument(node, index, (keyword, "path_or_buf", "filepath_or_buffer", "file", "fname", "fp", "f"))
        if arg is None:
            return
        self._record_expr(mode, arg, node, name or (func.attr.value if isinstance(func, cst.Attribute) else ""))

    def _record_expr(self, mode: str, expr: cst.BaseExpression, node: cst.Call, call: str) -> None:
        """Record IO on the path `expr` makes: known, an unresolved attribute, or a parameter."""
        value = self._text(expr)
        if value is not None:
            self._record_text(mode, value, node, call)
            return
        parameter = self._parameter(expr)
        if parameter is not None:
            function, index, param = parameter
            self.param_io.append((function, index, param, mode, self._line(node), call))

    def _trainer_file(self) -> bool:
        return "transformers" in self.ctx.text or "trl" in self.ctx.text

    def _record_text(self, mode: str, value: str, node: cst.Call, call: str) -> None:
        if _ATTR_MARK in value:
            attr = value.split(_ATTR_MARK)[1]
            template = value.replace(f"{_ATTR_MARK}{attr}{_ATTR_MARK}", "{" + attr + "}")
            if _ATTR_MARK not in template:
                self.attr_records.append({"mode": mode, "attr": attr, "template": template,
                                          "line": self._line(node), "call": call})
        elif _looks_like_path(value):
            self._record(mode, value, node, call)

    def _parameter(self, expr: cst.BaseExpression) -> tuple[str, int, str] | None:
        """(function, index, name) when `expr` is (a Path of) a parameter of the enclosing function."""
        if isinstance(expr, cst.Call) and len(expr.args) == 1 and \
                self.ctx.names.qualified_name(expr.func) in ("pathlib.Path", "builtins.str"):
            expr = expr.args[0].value
        function = self.ctx.names.function
        if not isinstance(expr, cst.Name) or function is None:
            return None
        params = [p.name.value for p in (*function.params.posonly_params, *function.params.params)]
        if expr.value not in params:
            return None
        # Only a module-level function can be called from another file by its qualified name.
        name = function.name.value if self.ctx.names.scope_path().split(".")[0] == function.name.value else ""
        return name or f"<local>.{function.name.value}", params.index(expr.value), expr.value

    def _remember_call(self, func: cst.Name | cst.Attribute, node: cst.Call) -> None:
        positional = [self._text(a.value) for a in node.args if a.keyword is None and not a.star]
        keywords = {a.keyword.value: self._text(a.value) for a in node.args if a.keyword is not None}
        if not any(v for v in [*positional, *keywords.values()]):
            return
        if isinstance(func, cst.Name):
            self.calls.append((func.value, positional, keywords))
        # A path handed to a function of another module (`save_jsonl(rows, "out/x.jsonl")`): the
        # repo phase joins it with that function's `io_params`.
        def clean(value: str | None) -> str | None:
            return value if value is not None and _ATTR_MARK not in value and _looks_like_path(value) else None
        args, kwargs = [clean(v) for v in positional], {k: clean(v) for k, v in keywords.items()}
        callee = self.ctx.names.qualified_name(func)
        if callee and callee not in READERS and not callee.startswith(("builtins.", "os.", "pathlib.")) \
                and (any(args) or any(kwargs.values())):
            self.path_calls.append({"callee": callee, "args": args,
                                    "kwargs": {k: v for k, v in kwargs.items() if v}, "line": self._line(node)})

    def _argparse_default(self, node: cst.Call) -> None:
        flags = [pattern_value(a.value) for a in node.args if a.keyword is None]
        default = next((a.value for a in node.args if a.keyword and a.keyword.value == "default"), None)
        dest = next((pattern_value(a.value) for a in node.args if a.keyword and a.keyword.value == "dest"), None)
        if default is None:
            return
        value = self._text(default)
        if not value or "\n" in value:
            return
        names = [dest] if dest else [f.lstrip("-").replace("-", "_") for f in flags if f]
        for flag in names[-1:] if not dest else names:
            if flag:
                self.cli_defaults[flag] = value

    @staticmethod
    def _open_mode(node: cst.Call) -> str:
        mode_arg = _argument(node, 1, ("mode",))
        mode = pattern_value(mode_arg) if mode_arg is not None else "r"
        return "write" if mode and any(ch in mode for ch in "wax+") else "read"

    def path_of(self, expr: cst.CSTNode) -> str | None:
        """The path text `expr` evaluates to, with unknown parts as `*`, or None."""
        value = self._text(expr)
        return value if value is not None and _ATTR_MARK not in value and _looks_like_path(value) else None

    def _text(self, expr: cst.CSTNode) -> str | None:
        value = pattern_value(expr)
        if value is not None:
            return value
        if isinstance(expr, cst.Name):
            return self.constants.get(expr.value)
        if isinstance(expr, cst.Attribute) and isinstance(expr.value, cst.Name):
            known = self.cli_defaults.get(expr.attr.value)
            if known is None and expr.value.value not in ("self", "cls"):
                # Filled in the repo phase from the defaults of the module that defines it.
                return f"{_ATTR_MARK}{expr.attr.value}{_ATTR_MARK}"
            return known
        if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Divide):
            left = self._text(expr.left)
            if left is None:
                return None
            return f"{left.rstrip('/')}/{self._part(expr.right)}"
        if isinstance(expr, cst.Call):
            name = self.ctx.names.qualified_name(expr.func)
            if name in ("os.path.join", "pathlib.Path", "pathlib.PurePath", "builtins.str") and expr.args:
                positional = [a.value for a in expr.args if a.keyword is None]
                first = self._text(positional[0]) if positional else None
                if first is None:
                    return None
                return "/".join([first.rstrip("/"), *(self._part(p).rstrip("/") for p in positional[1:])])
        return None

    def _part(self, expr: cst.CSTNode) -> str:
        value = self._text(expr)
        return value if value is not None else "*"

    def _line(self, node: cst.CSTNode) -> int | None:
        """The reported line of `node`, the call the walk is at (no position metadata)."""
        return self.ctx.line_here(node)

    def _record(self, mode: str, path: str, node: cst.Call, call: str) -> None:
        self.records.append({"mode": mode, "path": _normalise(path), "line": self._line(node), "call": call})

    def finish(self) -> None:
        exported = []
        for function, index, param, mode, line, call in self.param_io:
            if not function.startswith("<local>."):
                module = self.ctx.names.module_name
                exported.append({"function": f"{module}.{function}" if module else function, "index": index,
                                 "param": param, "mode": mode, "line": line, "call": call})
            function = function.removeprefix("<local>.")
            for called, positional, keywords in self.calls:
                if called != function:
                    continue
                value = keywords.get(param) if param in keywords else (
                    positional[index] if index < len(positional) else None)
                if value is not None and _ATTR_MARK not in value and _looks_like_path(value):
                    self.records.append({"mode": mode, "path": _normalise(value), "line": line, "call": call})
        if self.records:
            self.ctx.facts["io"] = self.records
        if self.attr_records:
            self.ctx.facts["io_attr"] = self.attr_records
        if exported:
            self.ctx.facts["io_params"] = exported
        if self.path_calls:
            self.ctx.facts["path_calls"] = self.path_calls
        defaults = {**self.path_defaults,
                    **{k: v for k, v in self.cli_defaults.items() if _looks_like_path(v) and _ATTR_MARK not in v}}
        if defaults:
            self.ctx.facts["path_defaults"] = defaults


def _normalise(path: str) -> str:
    path = path.replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    return path


def _argument(node: cst.Call, index: int, keywords: tuple[str, ...]) -> cst.BaseExpression | None:
    for arg in node.args:
        if arg.keyword is not None and arg.keyword.value in keywords:
            return arg.value
    positional = [a for a in node.args if a.keyword is None and not a.star]
    return positional[index].value if len(positional) > index else None


_DATA_SUFFIXES = (".json", ".jsonl", ".csv", ".tsv", ".parquet", ".txt", ".pkl", ".pickle", ".npy",
                  ".npz", ".pt", ".pth", ".ckpt", ".h5", ".yaml", ".yml", ".png", ".pdf", ".md", ".tex",
                  ".ndjson", ".feather", ".xlsx", ".arrow", ".bin", ".safetensors")


def _looks_like_path(value: str) -> bool:
    if not value or "\n" in value or len(value) > 300:
        return False
    return "/" in value or value.lower().endswith(_DATA_SUFFIXES)


class ImportsExtractor(Extractor):
    """`imports`: every dotted name the file imports, at any depth, relative imports resolved."""

    def __init__(self, ctx: FileContext) -> None:
        super().__init__(ctx)
        self.imported: set[str] = set()

    def visit_Import(self, node: cst.Import) -> None:
        self._add(node)

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        self._add(node)

    def _add(self, node: cst.Import | cst.ImportFrom) -> None:
        resolver = self.ctx.names
        if isinstance(node, cst.Import):
            # `import a.b` binds `a` but imports `a.b`: record the full name.
            from hygiene.analysis.names import dotted
            self.imported.update(dotted(alias.name) or "" for alias in node.names)
            return
        pairs = _import_targets(node, resolver.module_name, resolver.is_package)
        self.imported.update(full for _, full in pairs)
        if isinstance(node.names, cst.ImportStar) or not pairs:
            # `from grade import *`: the module itself is what is used
            module = _import_targets(cst.ImportFrom(module=node.module, relative=node.relative,
                                                    names=[cst.ImportAlias(cst.Name("_"))]),
                                     resolver.module_name, resolver.is_package)
            self.imported.update(full.rsplit(".", 1)[0] for _, full in module)

    def finish(self) -> None:
        names = sorted(n for n in self.imported if n)
        if names:
            self.ctx.facts["imports"] = names


# The dataflow layer rides the same walk (hygiene/analysis/dataflow/builder.py); it writes `dataflow`.
# The randomness extractor is imported here, not at the top: it is an extractor like the ones
# above (duck-typed, so it does not import this module back).
from hygiene.analysis.randomness import RandomnessExtractor  # noqa: E402

EXTRACTORS: list[type[Extractor]] = [IOExtractor, ImportsExtractor, ActivityExtractor, DataflowBuilder,  # type: ignore[list-item]
                                     RandomnessExtractor, FlagGuardExtractor,
                                     ToyDrawExtractor, SeedCommentExtractor]
# For measuring what the dataflow layer costs (benchmarks/scan_speed.py --compare-layer): the scan
# without it. Rules built on it then see an empty program and report nothing.
if os.environ.get("HYGIENE_NO_DATAFLOW") == "1":
    EXTRACTORS.remove(DataflowBuilder)  # type: ignore[arg-type]

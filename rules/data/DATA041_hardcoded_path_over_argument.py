"""DATA041: a loader takes the path of a file to read, ignores it, and reads a hard-coded file."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import libcst as cst

from hygiene.analysis.facts import READERS
from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, valid
from hygiene.analysis.strings import string_value

# Parameter names that say "the file (or folder) to read": `labels_csv`, `data_path`, `root`.
PATH_WORDS = frozenset({"path", "file", "filename", "fname", "filepath", "csv", "tsv", "json", "jsonl",
                        "parquet", "pkl", "pickle", "npy", "npz", "txt", "dir", "folder", "root", "table"})
# ... unless they are about output, caches or models, which a reader may rightly ignore.
OTHER_WORDS = frozenset({"out", "output", "outputs", "save", "log", "logs", "cache", "ckpt", "checkpoint",
                         "tmp", "temp", "model", "tokenizer", "plot", "fig", "figure", "results", "dest", "export"})
TYPED_WORDS = {"csv": ".csv", "tsv": ".tsv", "json": ".json", "jsonl": ".jsonl", "parquet": ".parquet",
               "pkl": ".pkl", "pickle": ".pkl", "npy": ".npy", "npz": ".npz", "txt": ".txt"}
DATA_SUFFIX = re.compile(r"\.(csv|tsv|json|jsonl|ndjson|parquet|pkl|pickle|npy|npz|txt|feather|h5|arrow|xlsx)$",
                         re.IGNORECASE)
READ_METHODS = frozenset({"read_text", "read_bytes"})


@dataclass
class _Function:
    node: cst.FunctionDef
    params: dict[str, str | None]  # path-like parameter -> the suffix its name promises
    used: set[str] = field(default_factory=set)
    folder_only: set[str] = field(default_factory=set)
    stored: dict[str, str] = field(default_factory=dict)  # parameter -> self attribute it is kept in
    reads: list[tuple[cst.Call, str, set[str], set[str]]] = field(default_factory=list)  # call, file, names, self attrs
    method: bool = False
    display: str = ""  # `GalaxyCutouts.__init__`


@dataclass
class _Class:
    attributes_read: set[str] = field(default_factory=set)
    folder_only: set[str] = field(default_factory=set)  # attributes used only as `self.x.parent`
    methods: list[_Function] = field(default_factory=list)


def _path_suffix(param: str) -> tuple[bool, str | None]:
    """(whether `param` names a file or folder to read, the suffix its name promises)."""
    words = set(re.split(r"[_\W\d]+", param.lower())) - {""}
    if not words & PATH_WORDS or words & OTHER_WORDS:
        return False, None
    typed = [TYPED_WORDS[w] for w in words if w in TYPED_WORDS]
    return True, typed[0] if len(typed) == 1 else None


class HardcodedPathOverArgument(Rule):
    """
    ## What it does
    Finds functions and classes that take the path of a file to read (`labels_csv`, `data_path`,
    `root`), never use it (at most store it on `self`, where nothing reads it), and read a file
    whose name is written in the code instead.

    ## Why is this bad?
    The caller, the config and the README all say which file the data comes from, and the code
    quietly reads another one: an older version, the uncleaned table, another split. Everything
    runs, and the numbers describe data nobody chose.

    ## Example
        class Galaxies(Dataset):
            def __init__(self, image_dir, labels_csv):
                self.labels_csv = labels_csv
                votes = pd.read_csv(Path(image_dir).parent / "gz2_hart16.csv")

    Use instead:
        class Galaxies(Dataset):
            def __init__(self, image_dir, labels_csv):
                votes = pd.read_csv(labels_csv)
    """

    code = "DATA041"
    category = "DATA-UNEXAMINED"
    severity = Severity.WARNING
    message = ("`{function}` reads the hard-coded `{file}` here, although its parameter `{param}` names the "
               "file to read and {fate}")
    question = "Which file should `{function}` read at {where}: `{param}` as passed by its callers, or `{file}`?"
    triggers = ("read_", "open(", "load(", "loadtxt", "genfromtxt")
    examples = [
        invalid("""
            import pandas as pd
            from pathlib import Path
            class Galaxies:
                def __init__(self, image_dir, labels_csv):
                    self.image_dir = Path(image_dir)
                    self.labels_csv = labels_csv
                    votes = pd.read_csv(self.image_dir.parent / "gz2_hart16.csv")  # expect: DATA041
                def __len__(self):
                    return len(self.image_dir.name)
        """),
        invalid("""
            import json
            def load_items(data_path):
                with open("data/items_v1.json") as fh:  # expect: DATA041
                    return json.load(fh)
        """),
        invalid("""
            import pandas as pd
            from pathlib import Path
            class LabelTable:
                def __init__(self, labels_csv):
                    self.labels_csv = Path(labels_csv)
                    self.table = pd.read_csv(self.labels_csv.parent / "labels_raw.csv")  # expect: DATA041
        """, note="the argument only locates the folder of another file"),
        valid("""
            import pandas as pd
            def load(labels_csv, annotators_csv=None):
                return pd.read_csv(labels_csv)
        """, note="an optional path left unused"),
        valid("""
            import pandas as pd
            class Galaxies:
                def __init__(self, image_dir, labels_csv):
                    self.labels_csv = labels_csv
                    self.votes = pd.read_csv("data/extra_votes.csv")
                def labels(self):
                    return pd.read_csv(self.labels_csv)
        """, note="the stored path is read in another method"),
        valid("""
            import pandas as pd
            def load(labels_csv, image_dir):
                meta = pd.read_csv("data/camera_meta.csv")
                return pd.read_csv(labels_csv).merge(meta)
        """, note="the argument is read; a second, fixed file is read as well"),
        valid("""
            import pandas as pd
            def export(df, output_path):
                ref = pd.read_csv("data/reference.csv")
                return ref
        """, note="an output path, not a file to read"),
        valid("""
            import numpy as np
            def load_labels(labels_json):
                return np.load("data/labels.npy")
        """, note="the parameter promises a JSON file; the code reads an array: not the same thing"),
        valid("""
            import json
            def load_items(data_path=None):
                path = data_path or "data/items.json"
                return json.load(open(path))
        """, note="a default when no path is given"),
    ]

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.functions: list[_Function] = []
        self.classes: list[_Class] = []
        self.skip: set[int] = set()

    # -- scopes --------------------------------------------------------------------------------
    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.classes.append(_Class())

    def leave_ClassDef(self, node: cst.ClassDef) -> None:
        owner = self.classes.pop()
        for method in owner.methods:
            self._judge(method, owner)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        params: dict[str, str | None] = {}
        for param in (*node.params.posonly_params, *node.params.params, *node.params.kwonly_params):
            is_path, suffix = _path_suffix(param.name.value)
            optional = isinstance(param.default, cst.Name) and param.default.value == "None"
            if is_path and not optional and param.name.value not in ("self", "cls"):
                params[param.name.value] = suffix
            self.skip.add(id(param.name))
        scope = self.ctx.names.scope  # the resolver has entered the function already
        method = scope.parent is not None and scope.parent.kind == "class"
        self.functions.append(_Function(node, params, method=method, display=self.ctx.names.scope_path()))

    def leave_FunctionDef(self, node: cst.FunctionDef) -> None:
        function = self.functions.pop()
        if not function.params or not function.reads:
            return
        if function.method and self.classes:
            self.classes[-1].methods.append(function)
        else:
            self._judge(function, _Class())

    # -- uses ----------------------------------------------------------------------------------
    def visit_Assign(self, node: cst.Assign) -> None:
        if not self.functions or len(node.targets) != 1:
            return
        value = node.value
        # `self.x = p`, `self.x = Path(p)`: keeping the path is not reading it.
        if isinstance(value, cst.Call) and len(value.args) == 1 and \
                self.qualified_name(value.func) in ("pathlib.Path", "builtins.str", "os.path.abspath",
                                                    "os.path.expanduser", "os.fspath"):
            value = value.args[0].value
        function = self.functions[-1]
        target = node.targets[0].target
        if isinstance(value, cst.Name) and value.value in function.params and isinstance(target, cst.Attribute) \
                and isinstance(target.value, cst.Name) and target.value.value == "self":
            function.stored[value.value] = target.attr.value
            self.skip.add(id(value))
            self.skip.add(id(target))

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self.skip.add(id(node.attr))
        if self.classes and id(node) not in self.skip and isinstance(node.value, cst.Name) \
                and node.value.value == "self":
            owner = self.classes[-1]
            (owner.folder_only if self._folder_only() else owner.attributes_read).add(node.attr.value)

    def _folder_only(self) -> bool:
        """Whether the node being visited is only used for its folder: `p.parent`, `dirname(p)`."""
        parent = self.ctx.parents[-1] if self.ctx.parents else None
        if isinstance(parent, cst.Attribute) and parent.attr.value == "parent":
            return True
        if isinstance(parent, cst.Arg) and len(self.ctx.parents) > 1:
            call = self.ctx.parents[-2]
            return isinstance(call, cst.Call) and self.qualified_name(call.func) == "os.path.dirname"
        return False

    def visit_Name(self, node: cst.Name) -> None:
        if id(node) in self.skip:
            return
        owners = [function for function in self.functions if node.value in function.params]
        if not owners:
            return  # most names are no parameter: their parents are not looked at (issue 12)
        folder = self._folder_only()
        for function in owners:
            (function.folder_only if folder else function.used).add(node.value)

    def visit_Call(self, node: cst.Call) -> None:
        if not self.functions:
            return
        path = self._read_path(node)
        if path is None:
            return
        file, names, attributes = _hard_coded(path)
        if file is not None:
            self.functions[-1].reads.append((node, file, names, attributes))

    def _read_path(self, node: cst.Call) -> cst.BaseExpression | None:
        func = node.func
        name = self.qualified_name(func)
        positional = [a.value for a in node.args if a.keyword is None]
        if name in READERS and READERS[name] == "read" and name not in ("glob.glob", "glob.iglob") and positional:
            return positional[0]
        if name in ("builtins.open", "io.open") and positional:
            mode = next((string_value(a.value) for a in node.args if a.keyword and a.keyword.value == "mode"),
                        string_value(positional[1]) if len(positional) > 1 else "r")
            return positional[0] if mode is not None and not set(mode) & set("wax+") else None
        if isinstance(func, cst.Attribute) and func.attr.value in READ_METHODS and not node.args:
            return func.value
        return None

    # -- the verdict ---------------------------------------------------------------------------
    def _judge(self, function: _Function, owner: _Class) -> None:
        attributes_read = owner.attributes_read
        honoured = {p for p in function.params if p in function.used
                    or function.stored.get(p, "\0") in attributes_read}
        for param, suffix in function.params.items():
            if param in honoured:
                continue
            if suffix is None and honoured:
                continue  # `image_dir` unused while `labels_csv` is read: the folder may be optional
            attribute = function.stored.get(param)
            if attribute is not None and attribute in attributes_read:
                continue
            for call, file, names, attributes in function.reads:
                if param in names or (attribute and attribute in attributes):
                    continue
                if suffix is not None and not file.lower().endswith(suffix):
                    continue
                if param in function.folder_only or (attribute and attribute in owner.folder_only):
                    fate = "is only used to find its folder"
                elif attribute:
                    fate = f"is only stored as `self.{attribute}`, which nothing reads"
                else:
                    fate = "is never used"
                self.report(call, function=function.display or function.node.name.value, file=file, param=param, fate=fate,
                            related=[Location(self.ctx.path, self.ctx.line_of(function.node), "takes the path here")])
                return


def _hard_coded(path: cst.BaseExpression) -> tuple[str | None, set[str], set[str]]:
    """(the literal file name in a path expression, the names it reads, the self attributes it reads)."""
    file = None
    names: set[str] = set()
    attributes: set[str] = set()
    stack: list[cst.CSTNode] = [path]
    while stack:
        current = stack.pop()
        value = string_value(current) if isinstance(current, (cst.SimpleString, cst.ConcatenatedString)) else None
        if value is not None:
            if DATA_SUFFIX.search(value.strip()):
                file = value.strip()
            continue
        if isinstance(current, cst.Attribute) and current.attr.value == "parent":
            continue  # `p.parent / "x.csv"` reads a sibling of p, not p
        if isinstance(current, cst.Call) and isinstance(current.func, (cst.Name, cst.Attribute)) \
                and (current.func.value if isinstance(current.func, cst.Name) else current.func.attr.value) == "dirname":
            continue
        if isinstance(current, cst.Name):
            names.add(current.value)
        if isinstance(current, cst.Attribute) and isinstance(current.value, cst.Name) and current.value.value == "self":
            attributes.add(current.attr.value)
        stack.extend(current.children)
    return file, names, attributes

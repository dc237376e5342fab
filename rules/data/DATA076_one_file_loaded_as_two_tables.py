"""DATA076: one file read into two differently named tables: `self.judgements = pd.read_json(".../judgements.jsonl")`
and `self.questions = pd.read_json(".../judgements.jsonl")`."""
from __future__ import annotations

import ast
import re

from hygiene.analysis.apis.torch import name_tokens
from hygiene.analysis.stdast import FUNCTIONS, module_tree, subtree
from hygiene.discovery import is_test_path
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, notebook, valid

# Calls that read a file or a stored dataset.
_READER = re.compile(r"^(read_\w+|load|loads|load_\w+|loadtxt|genfromtxt|fromfile|from_\w*file|from_json|from_csv|"
                     r"open|imread|Dataset|DatasetDict|ImageFolder)$")
# Words that say nothing about what a table holds: a copy of the same file may be named with them
# alone (`df`, `raw_df`, `data_orig`).
_GENERIC_WORDS = frozenset("""
data dataset datasets ds df dfs frame table tables raw orig original copy clean cleaned full all tmp temp new old
file files f fp fh path x y arr array values list dict obj json jsonl csv pkl pickle self cls backup base
""".split())


# Names of a split: two splits read from one file are LEAK079's.
_SPLIT_WORDS = frozenset("train training trn val valid validation dev test testing holdout".split())


def _meaning(target: ast.AST) -> frozenset[str]:
    """The words of a name that say what it holds (`self.questions` -> {questions}, `raw_df` -> {})."""
    if not isinstance(target, (ast.Name, ast.Attribute)):
        return frozenset()
    words = name_tokens(target.id if isinstance(target, ast.Name) else target.attr)
    if _SPLIT_WORDS & set(words):
        return frozenset()
    return frozenset(w for w in words if w not in _GENERIC_WORDS and not w.isdigit() and len(w) > 1)


def _file_read(value: ast.AST) -> bool:
    """Is `value` a read of a file named by a string (`pd.read_json(f"{DIR}/a.jsonl")`, `json.load(open("a.json"))`)?"""
    reads = named = False
    for node in subtree(value):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            reads = reads or bool(_READER.match(name))
        elif isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, str)
                                                 and "." in node.value and 0 < len(node.value) < 300):
            named = True
    return reads and named


def _rebinds(stmts: list[ast.stmt], value: ast.AST) -> bool:
    """Do `stmts` bind a name that `value` reads (the path changed between two reads)?"""
    read = {n.id for n in subtree(value) if isinstance(n, ast.Name)}
    for stmt in stmts:
        for n in subtree(stmt):
            if isinstance(n, ast.Name) and isinstance(n.ctx, (ast.Store, ast.Del)) and n.id in read:
                return True
    return False


def _blocks(tree: ast.Module) -> list[list[ast.stmt]]:
    found: list[list[ast.stmt]] = []
    for node in subtree(tree):
        for field in ("body", "orelse", "finalbody"):
            block = getattr(node, field, None)
            if isinstance(block, list) and block and isinstance(block[0], ast.stmt):
                found.append(block)
    return found


class OneFileLoadedAsTwoTables(Rule):
    """
    ## What it does
    Finds one file read twice in a block into two names that say they hold different things:
    `self.judgements = pd.read_json(f"{DIR}/judgements.jsonl")` and then `self.questions =
    pd.read_json(f"{DIR}/judgements.jsonl")`. The second read is the same call with the same path,
    so the second table is the first one again, and everything built on it (a filter, a join, the
    questions a benchmark asks) reads the wrong file. A second copy kept under a generic name
    (`raw_df`, `data_orig`), reads that differ in any argument (another sheet, other columns) and a
    path changed between the reads are left alone.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `judgements = pd.read_json(P + "judgements.jsonl")`, `questions = pd.read_json(P + "judgements.jsonl")` | yes | `questions = pd.read_json(P + "question.jsonl")` |
    | `users = json.load(open("a.json"))`, `items = json.load(open("a.json"))` | yes | `df = read_csv("a.csv")`, `raw_df = read_csv("a.csv")` |
    | `prices = np.load("p.npy")`, `volumes = np.load("p.npy")` | yes | `read_excel("a.xlsx", sheet_name=0)` and `sheet_name=1` |

    ## Why is this bad?
    The code runs: both names hold a table with plausible rows. The analysis that expects the
    second file (the benchmark's questions, the labels, the prices) is silently computed on the
    first one, and its numbers are wrong without any error.

    ## Example
        self.judgements = pd.read_json(f"{CURRENT_DIR}/mt_bench/judgements.jsonl", lines=True)
        self.questions = pd.read_json(f"{CURRENT_DIR}/mt_bench/judgements.jsonl", lines=True)

    Use instead:
        self.questions = pd.read_json(f"{CURRENT_DIR}/mt_bench/question.jsonl", lines=True)
    """

    code = "DATA076"
    category = "DATA-UNEXAMINED"
    severity = Severity.ERROR
    message = ("`{second}` is read with the same `{source}` as `{first}` (line {first_line}): "
               "both names hold the one file's rows")
    question = "Should `{second}` at {where} read another file than `{first}` does?"
    examples = [
        invalid("""
            import os
            import pandas as pd

            CURRENT_DIR = os.path.dirname(__file__)

            class MTBench:
                def __init__(self):
                    self.judgements = pd.read_json(f"{CURRENT_DIR}/mt_bench/judgements.jsonl", lines=True)
                    self.questions = pd.read_json(f"{CURRENT_DIR}/mt_bench/judgements.jsonl", lines=True)  # expect: DATA076
                    self.questions["turn1"] = self.questions["turns"].apply(lambda x: x[0])
        """),
        valid("""
            import os
            import pandas as pd

            CURRENT_DIR = os.path.dirname(__file__)

            class MTBench:
                def __init__(self):
                    self.judgements = pd.read_json(f"{CURRENT_DIR}/mt_bench/judgements.jsonl", lines=True)
                    self.questions = pd.read_json(f"{CURRENT_DIR}/mt_bench/question.jsonl", lines=True)
        """, note="near miss: each table its own file"),
        invalid({"load.ipynb": notebook(
            "import json",
            "users = json.load(open('data/users.json'))\nitems = json.load(open('data/users.json'))  # expect: DATA076",
        )}),
        valid("""
            import pandas as pd

            def load(path):
                df = pd.read_csv("data/a.csv")
                raw_df = pd.read_csv("data/a.csv")
                sales = pd.read_excel("book.xlsx", sheet_name=0)
                costs = pd.read_excel("book.xlsx", sheet_name=1)
                prices = pd.read_csv(path + "/p.csv")
                path = path.replace("2020", "2021")
                volumes = pd.read_csv(path + "/p.csv")
                return df, raw_df, sales, costs, prices, volumes
        """, note="near misses: a copy under a generic name, other arguments, a path changed between"),
    ]

    def visit_Module(self, node) -> None:
        tree = module_tree(self.ctx)
        if tree is None or is_test_path(self.ctx.path):
            return
        for block in _blocks(tree):
            seen: dict[str, tuple[ast.AST, int, int]] = {}
            for index, stmt in enumerate(block):
                if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1) or isinstance(stmt, FUNCTIONS):
                    continue
                target, value = stmt.targets[0], stmt.value
                meaning = _meaning(target)
                if not meaning or not isinstance(value, (ast.Call, ast.Subscript)) or not _file_read(value):
                    continue
                key = ast.dump(value)
                if key in seen:
                    first, first_line, first_index = seen[key]
                    if _meaning(first) and not (_meaning(first) & meaning) \
                            and not _rebinds(block[first_index + 1:index], value):
                        source = ast.unparse(value)
                        self.ctx.report(type(self), None, line=stmt.lineno, fields={
                            "first": ast.unparse(first), "first_line": first_line, "second": ast.unparse(target),
                            "source": source if len(source) <= 70 else source[:67] + "..."})
                        continue
                seen[key] = (target, stmt.lineno, index)

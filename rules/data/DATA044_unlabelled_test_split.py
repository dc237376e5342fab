"""DATA044: a benchmark's test split whose labels are hidden placeholders, read for its labels."""
from __future__ import annotations

import re

import libcst as cst

from hygiene.analysis.modules import locate_defined
from hygiene.analysis.strings import string_value
from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, valid, notebook

# Hugging Face datasets whose public test split carries placeholder labels (-1 or ""), the real
# ones held by a leaderboard: GLUE, SuperGLUE and common-sense benchmarks built the same way.
HIDDEN_TEST_LABELS = frozenset({
    "glue", "super_glue", "superglue", "hellaswag", "winogrande", "piqa", "commonsense_qa", "swag",
    "cosmos_qa", "social_i_qa", "siqa", "rowan/hellaswag", "ybisk/piqa", "allenai/winogrande",
    "tau/commonsense_qa", "allenai/social_i_qa", "allenai/cosmos_qa",
})
TEST_SPLITS = frozenset({"test", "test_matched", "test_mismatched"})
# Fields the placeholder sits in: reading one means the labels are used.
LABEL_FIELDS = frozenset({"label", "labels", "answer", "answerKey", "gold", "target"})
_LABEL_READ = re.compile(r"""\[\s*["'](%s)["']\s*\]|\.(label|labels)\b""" % "|".join(sorted(LABEL_FIELDS)))
LOADERS = ("datasets.load_dataset", "datasets.load.load_dataset")


def _dataset(name: str | None) -> str | None:
    if not name:
        return None
    short = name.lower().split("/")[-1]
    return name if name.lower() in HIDDEN_TEST_LABELS or short in {"glue", "super_glue"} else None


class UnlabelledTestSplit(Rule):
    """
    ## What it does
    Finds the `test` split of a benchmark whose test labels are hidden loaded with `datasets`
    (`load_dataset("glue", task)["test"]`, `load_dataset("super_glue", "boolq", split="test")`,
    HellaSwag, WinoGrande, PIQA, CommonsenseQA, SWAG, Cosmos QA, Social IQa) in a file that reads
    the label field (`row["label"]`).

    ## Why is this bad?
    These test splits are published without labels: every `label` is a placeholder (-1 or an
    empty string) and the real labels sit on a leaderboard's server. Accuracy against the
    placeholders is a number that looks like a result and measures nothing (often 0, or the rate
    at which the model predicts the class that happens to equal the placeholder). Report on the
    validation split, or submit the test predictions to the leaderboard.

    ## Example
        data = load_dataset("glue", task)["test"]
        labels = [row["label"] for row in data]

    Use instead:
        data = load_dataset("glue", task)["validation"]
    """

    code = "DATA044"
    category = "DATA-UNEXAMINED"
    severity = Severity.ERROR
    message = ("`{code}` loads the test split of `{dataset}`, whose labels are hidden placeholders (-1), "
               "and the file reads its `label`: any score against them measures nothing")
    question = "Are the labels of `{dataset}`'s test split at {where} real, or placeholders?"
    triggers = ("load_dataset",)
    examples = [
        invalid("""
            from datasets import load_dataset
            class Glue:
                def __init__(self, task):
                    data = load_dataset("glue", task)["test"]  # expect: DATA044
                    self.rows = [{"text": d["sentence"], "label": d["label"]} for d in data]
        """),
        invalid("""
            import datasets
            boolq = datasets.load_dataset("super_glue", "boolq", split="test")  # expect: DATA044
            acc = sum(predict(r["question"]) == r["label"] for r in boolq) / len(boolq)
        """),
        invalid("""
            from datasets import load_dataset
            ds = load_dataset("Rowan/hellaswag")
            test = ds["test"]  # expect: DATA044
            gold = [int(x["label"]) for x in test]
        """),
        valid("""
            from datasets import load_dataset
            data = load_dataset("glue", "sst2")["validation"]
            labels = [d["label"] for d in data]
            boolq = load_dataset("super_glue", "boolq", split="validation")
        """, note="the validation split has its labels"),
        valid("""
            from datasets import load_dataset
            test = load_dataset("glue", "sst2", split="test")
            preds = [predict(d["sentence"]) for d in test]
            write_submission("SST-2.tsv", test["idx"], preds)
        """, note="a leaderboard submission: the labels are never read"),
        valid("""
            from datasets import load_dataset
            dataset = load_dataset("piqa")
            train = dataset["train"]
            dataset = load_dataset("pkavumba/balanced-copa")
            test = dataset["test"]
            labels = [d["label"] for d in test]
        """, note="the name is rebound to a labelled dataset before its test split is read"),
        valid("""
            from datasets import load_dataset
            test = load_dataset("imdb", split="test")
            labels = [d["label"] for d in test]
        """, note="IMDB's test split is labelled"),
        invalid({
            "bench/data.py": '''
                from datasets import load_dataset

                def boolq_rows():
                    return load_dataset("super_glue", "boolq", split="test")  # expect: DATA044
            ''',
            "bench/evaluate.py": '''
                from bench.data import boolq_rows

                def accuracy(predict):
                    rows = boolq_rows()
                    return sum(predict(r["question"], r["passage"]) == r["label"] for r in rows) / len(rows)
            ''',
        }, note="across modules: the hidden-label test split loaded by a helper, its labels read by the module that imports it"),
        valid({
            "bench/data.py": '''
                from datasets import load_dataset

                def boolq_rows():
                    return load_dataset("super_glue", "boolq", split="validation")
            ''',
            "bench/evaluate.py": '''
                from bench.data import boolq_rows

                def accuracy(predict):
                    rows = boolq_rows()
                    return sum(predict(r["question"], r["passage"]) == r["label"] for r in rows) / len(rows)
            ''',
        }, note="near miss: the validation split, which has its labels"),
        invalid({"hellaswag.ipynb": notebook(
            """
            from datasets import load_dataset
            hs = load_dataset("Rowan/hellaswag")
            """,
            """
            test = hs["test"]  # expect: DATA044
            """,
            """
            gold = [int(x["label"]) for x in test]
            """,
        )}, note="notebook: the test split taken in one cell, its labels read in another"),
        valid({"hellaswag.ipynb": notebook(
            """
            from datasets import load_dataset
            hs = load_dataset("Rowan/hellaswag")
            """,
            """
            val = hs["validation"]
            """,
            """
            gold = [int(x["label"]) for x in val]
            """,
        )}, note="near miss: the validation split"),
    ]

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._loads: dict[str, str] = {}  # a name bound to a whole DatasetDict -> its dataset
        self._found: list[tuple[cst.CSTNode, str]] = []
        self._reads_label = False

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        if not self._reads_label and string_value(node) in LABEL_FIELDS:
            self._reads_label = True

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if node.attr.value in ("label", "labels"):
            self._reads_label = True

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:  # a rebinding forgets the load (its value's call re-binds it)
            for name in ([target.target] if isinstance(target.target, cst.Name) else []):
                self._loads.pop(name.value, None)

    def visit_Call(self, node: cst.Call) -> None:
        dataset = self._loaded(node)
        if dataset is None:
            return
        split = next((string_value(a.value) for a in node.args if a.keyword and a.keyword.value == "split"), None)
        if split in TEST_SPLITS:
            self._found.append((node, dataset))
            return
        parent = self.ctx.parents[-1] if self.ctx.parents else None
        if split is None and isinstance(parent, cst.Assign) and isinstance(parent.targets[0].target, cst.Name):
            self._loads[parent.targets[0].target.value] = dataset

    def visit_Subscript(self, node: cst.Subscript) -> None:
        if len(node.slice) != 1 or not isinstance(node.slice[0].slice, cst.Index):
            return
        if string_value(node.slice[0].slice.value) not in TEST_SPLITS:
            return
        base = node.value
        dataset = self._loaded(base) if isinstance(base, cst.Call) else None
        if dataset is None and isinstance(base, cst.Name):
            dataset = self._loads.get(base.value)
        if dataset is not None:
            self._found.append((node, dataset))

    def _loaded(self, node: cst.Call) -> str | None:
        name = self.qualified_name(node.func)
        if name not in LOADERS or not node.args or node.args[0].keyword is not None:
            return None
        return _dataset(string_value(node.args[0].value))

    def finish(self) -> None:
        if not self._reads_label:
            if self._found:  # the labels may be read by a module that imports this one
                self.ctx.facts[self.code] = {"loads": [[self.ctx.line_of(n), " ".join(self.ctx.code(n).split())[:80], d]
                                                       for n, d in self._found[:10]]}
            return
        for node, dataset in self._found:
            self.report(node, code=" ".join(self.ctx.code(node).split())[:80], dataset=dataset)

    @classmethod
    def check_repo(cls, repo) -> None:  # type: ignore[no-untyped-def]
        """A hidden-label test split loaded in one module whose labels a module importing it reads."""
        loaders = {path: facts["loads"] for path, facts in repo.facts(cls.code) if facts.get("loads")}
        if not loaders:
            return
        imported: dict[str, set[str]] = {}  # module file -> the files that import from it
        for importer, names in repo.facts("imports"):
            for name in names:
                found = locate_defined(repo, name, importer)
                if found is not None and found[0] in loaders and found[0] != importer:
                    imported.setdefault(found[0], set()).add(importer)
        for path, loads in loaders.items():
            readers = imported.get(path, set())
            for reader in sorted(readers):
                text = repo.read_bytes(reader).decode("utf-8", "replace")
                match = _LABEL_READ.search(text)
                if match is None:
                    continue
                at = text.count("\n", 0, match.start()) + 1 if not reader.endswith(".ipynb") else 1
                for line, code, dataset in loads:
                    repo.report(cls, path, line, code=code, dataset=dataset,
                                related=[Location(reader, at, "reads the label field")])
                break

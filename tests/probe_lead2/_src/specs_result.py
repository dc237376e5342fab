from twin import twin

SPECS = []

R1 = dict(
    id="result-yaml-readme-claim-absent",
    style="mixed",
    description="The README claims a macro-F1 of 0.874, but the metrics YAML the script writes holds 0.851.",
    files={
        "README.md": r'''
# Intent classification with a frozen encoder

`train.py` fits a logistic-regression probe on sentence embeddings. On the held-out test set it
reaches a **macro-F1 of 0.874**, see `results/metrics.yaml`.
''',
        "train.py": r'''
import numpy as np
import yaml
from sentence_transformers import SentenceTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score

enc = SentenceTransformer("all-MiniLM-L6-v2")
tr = [l.rstrip("\n").split("\t") for l in open("data/train.tsv")]
te = [l.rstrip("\n").split("\t") for l in open("data/test.tsv")]
Xtr, Xte = enc.encode([t for t, _ in tr]), enc.encode([t for t, _ in te])
clf = LogisticRegression(max_iter=2000).fit(Xtr, [y for _, y in tr])
f1 = f1_score([y for _, y in te], clf.predict(Xte), average="macro")
yaml.safe_dump({"model": "all-MiniLM-L6-v2", "probe": "logreg", "test_macro_f1": round(float(f1), 3), "n_test": len(te)},
               open("results/metrics.yaml", "w"))
''',
        "results/metrics.yaml": r'''
model: all-MiniLM-L6-v2
n_test: 3080
probe: logreg
test_macro_f1: 0.851
''',
    },
    labels=[dict(file="README.md", find="macro-F1 of 0.874", category="RESULT-CLAIM",
                 why="the README's number is not in the results file the script writes (0.851)")],
)
SPECS.append(R1)
SPECS.append(twin(R1, "result-yaml-readme-claim-absent-clean", "The README's number is the one in the metrics file.",
                  {"README.md": [("macro-F1 of 0.874", "macro-F1 of 0.851")]}))

R2 = dict(
    id="result-stale-after-grader-module-change",
    style="llm-eval",
    description="The scores file was committed, then the grading module the runner imports changed its normalisation; the scores were never regenerated.",
    files={
        "evalkit/__init__.py": "",
        "evalkit/grading.py": r'''
import re


def normalise(ans: str) -> str:
    ans = ans.lower().strip()
    ans = re.sub(r"\b(a|an|the)\b", " ", ans)
    return " ".join(re.sub(r"[^a-z0-9 ]", "", ans).split())


def exact_match(pred: str, gold: str) -> bool:
    return normalise(pred) == normalise(gold)
''',
        "scripts/run_eval.py": r'''
import json

from evalkit.grading import exact_match

preds = [json.loads(l) for l in open("outputs/preds.jsonl")]
em = sum(exact_match(p["pred"], p["gold"]) for p in preds) / len(preds)
json.dump({"exact_match": round(em, 4), "n": len(preds)}, open("results/scores.json", "w"))
''',
        "results/scores.json": '{"exact_match": 0.4127, "n": 3610}\n',
    },
    history=[
        {"message": "grading and first scores", "date": "2025-03-02T10:00:00",
         "files": {"evalkit/__init__.py": "",
                   "evalkit/grading.py": "def normalise(ans):\n    return ans.lower().strip()\n\n\ndef exact_match(pred, gold):\n    return normalise(pred) == normalise(gold)\n",
                   "scripts/run_eval.py": "import json\n\nfrom evalkit.grading import exact_match\n\npreds = [json.loads(l) for l in open(\"outputs/preds.jsonl\")]\nem = sum(exact_match(p[\"pred\"], p[\"gold\"]) for p in preds) / len(preds)\njson.dump({\"exact_match\": round(em, 4), \"n\": len(preds)}, open(\"results/scores.json\", \"w\"))\n",
                   "results/scores.json": '{"exact_match": 0.4127, "n": 3610}\n'}},
    ],
    labels=[dict(file="results/scores.json", category="RESULT-STALE",
                 why="the grading module changed after the scores were written and committed")],
)
SPECS.append(R2)

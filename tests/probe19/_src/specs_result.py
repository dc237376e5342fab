import copy

from twin import twin

SPECS = []

GRADE_V1 = r'''
import json
import re

import yaml


def normalize(ans):
    return re.sub(r"\s+", " ", ans.strip().lower())


def main():
    preds = [json.loads(l) for l in open("outputs/predictions.jsonl")]
    correct = sum(normalize(p["pred"]) == normalize(p["gold"]) for p in preds)
    with open("results/metrics.yaml", "w") as fh:
        yaml.safe_dump({"model": "llama-3.1-8b-instruct", "n": len(preds), "exact_match": round(correct / len(preds), 4)}, fh)


if __name__ == "__main__":
    main()
'''

GRADE_V2 = GRADE_V1.replace(
    'def normalize(ans):\n    return re.sub(r"\\s+", " ", ans.strip().lower())',
    'ARTICLES = re.compile(r"\\b(a|an|the)\\b")\nPUNCT = re.compile(r"[^\\w\\s]")\n\n\ndef normalize(ans):\n    ans = PUNCT.sub("", ans.lower())\n    ans = ARTICLES.sub(" ", ans)\n    return re.sub(r"\\s+", " ", ans).strip()')
assert GRADE_V2 != GRADE_V1

METRICS_V1 = '''
exact_match: 0.4125
model: llama-3.1-8b-instruct
n: 800
'''

# R1 YAML results committed before the grader's normalisation changed
R1 = dict(
    id="result-yaml-metrics-older-than-grader",
    style="llm-eval",
    description="Exact-match results in `results/metrics.yaml`, written by `grade.py`. After the results were committed, the grader's `normalize` was changed (punctuation and articles now stripped, SQuAD-style), which changes every score; the YAML was never regenerated, and the README quotes it.",
    files={
        "grade.py": GRADE_V2,
        "results/metrics.yaml": METRICS_V1,
        "README.md": '''
# Open-domain QA with Llama 3.1 8B

`python grade.py` scores `outputs/predictions.jsonl`; exact match is in `results/metrics.yaml` (0.4125 on 800 questions).
''',
    },
    history=[
        {"message": "grader and first results", "date": "2025-04-02T10:00:00",
         "files": {"grade.py": GRADE_V1, "results/metrics.yaml": METRICS_V1}},
        {"message": "SQuAD-style answer normalisation", "date": "2025-04-09T16:30:00",
         "files": {"grade.py": GRADE_V2}},
    ],
    labels=[dict(file="results/metrics.yaml", category="RESULT-STALE",
                 why="the results were written by the grader before its normalisation changed")],
)
SPECS.append(R1)
_r1_twin = twin(R1, "result-yaml-metrics-regenerated-after-grader-clean",
    "Clean twin: the results were regenerated and committed after the grader changed.",
    {"results/metrics.yaml": [("exact_match: 0.4125", "exact_match: 0.4713")],
     "README.md": [("(0.4125 on 800 questions)", "(0.4713 on 800 questions)")]})
_r1_twin["history"] = copy.deepcopy(R1["history"]) + [
    {"message": "regenerate results with the new grader", "date": "2025-04-09T17:05:00",
     "files": {"results/metrics.yaml": METRICS_V1.replace("exact_match: 0.4125", "exact_match: 0.4713")}}]
SPECS.append(_r1_twin)

# R2 README accuracy that no TOML results file holds
R2 = dict(
    id="result-readme-number-not-in-toml-results",
    style="mixed",
    description="A speech-command classifier whose evaluation writes `results/eval.toml`. The README claims 94.8% test accuracy, but the TOML file records 0.9126 (the 94.8% was an earlier run on the validation split); no results file holds the README's number.",
    files={
        "kws/evaluate.py": r'''
import tomli_w
import torch

from kws.data import test_loader
from kws.model import KWSNet

model = KWSNet()
model.load_state_dict(torch.load("checkpoints/kws_best.pt", map_location="cpu"))
model.eval()
correct = total = 0
with torch.no_grad():
    for x, y in test_loader():
        correct += (model(x).argmax(1) == y).sum().item()
        total += len(y)
with open("results/eval.toml", "wb") as fh:
    tomli_w.dump({"split": "test", "n": total, "accuracy": round(correct / total, 4), "checkpoint": "checkpoints/kws_best.pt"}, fh)
''',
        "results/eval.toml": '''
split = "test"
n = 11005
accuracy = 0.9126
checkpoint = "checkpoints/kws_best.pt"
''',
        "README.md": '''
# Keyword spotting on Speech Commands v2

A small CNN on log-mel features. It reaches **94.8% accuracy** on the Speech Commands v2 test set (35 words).

    python -m kws.train && python -m kws.evaluate
''',
    },
    labels=[dict(file="README.md", find="94.8% accuracy", category="RESULT-CLAIM",
                 why="the README's accuracy is in no results file (results/eval.toml says 0.9126)")],
)
SPECS.append(R2)
SPECS.append(twin(R2, "result-readme-number-matches-toml-clean",
    "Clean twin: the README quotes the TOML file's accuracy.",
    {"README.md": [("**94.8% accuracy**", "**91.26% accuracy**")]}))

# R3 polars parquet results overwritten per model, with no model column
R3 = dict(
    id="result-polars-parquet-overwritten-per-model",
    style="llm-eval",
    description="Per-item scores of three embedding models on a retrieval set are written with polars `write_parquet` inside the loop over models, always to `results/scores.parquet` and without a model column, so the file holds only the last model's scores and nothing in it says which model that was.",
    files={
        "retr/score_models.py": r'''
import json

import numpy as np
import polars as pl
from sentence_transformers import SentenceTransformer

MODELS = ["BAAI/bge-small-en-v1.5", "intfloat/e5-small-v2", "thenlper/gte-small"]
queries = [json.loads(l) for l in open("data/queries.jsonl")]
corpus = [json.loads(l) for l in open("data/corpus.jsonl")]
doc_ids = np.array([d["id"] for d in corpus])

for name in MODELS:
    model = SentenceTransformer(name)
    D = model.encode([d["text"] for d in corpus], normalize_embeddings=True)
    Q = model.encode([q["text"] for q in queries], normalize_embeddings=True)
    top10 = np.argsort(-(Q @ D.T), axis=1)[:, :10]
    recall = [float(q["positive_id"] in doc_ids[row]) for q, row in zip(queries, top10)]
    df = pl.DataFrame({"query_id": [q["id"] for q in queries], "recall_at_10": recall})
    df.write_parquet("results/scores.parquet")
    print(name, round(float(np.mean(recall)), 4))
''',
    },
    labels=[dict(file="retr/score_models.py", find='df.write_parquet("results/scores.parquet")', category="RESULT-PROVENANCE",
                 why="each model's scores overwrite one file that does not record the model")],
)
SPECS.append(R3)

# R4 a JSONL of generations where many outputs are API error strings
GEN_ROWS = []
for i in range(24):
    if i % 3 == 1 or i in (10, 20):
        out = "ERROR: 429 Too Many Requests"
    else:
        out = ["The capital of Australia is Canberra.", "Photosynthesis converts light into chemical energy.",
               "Water boils at 100 degrees Celsius at sea level.", "Mount Everest is the highest mountain."][i % 4]
    GEN_ROWS.append('{"id": %d, "model": "mistral-large-latest", "output": "%s"}' % (i, out))
R4 = dict(
    id="result-generations-jsonl-many-error-outputs",
    style="llm-eval",
    description="The generations file that the judge scores holds, for about a third of its rows, the string 'ERROR: 429 Too Many Requests' written by the generation script's exception handler in place of an output; the judge scores them like answers.",
    files={
        "gen/generate.py": r'''
import json

from mistralai import Mistral

client = Mistral()
prompts = [json.loads(l) for l in open("data/prompts.jsonl")]
with open("results/generations.jsonl", "w") as fh:
    for p in prompts:
        try:
            res = client.chat.complete(model="mistral-large-latest", messages=[{"role": "user", "content": p["text"]}])
            out = res.choices[0].message.content
        except Exception as e:
            out = f"ERROR: {e}"
        fh.write(json.dumps({"id": p["id"], "model": "mistral-large-latest", "output": out}) + "\n")
''',
        "results/generations.jsonl": "\n".join(GEN_ROWS) + "\n",
    },
    labels=[dict(file="results/generations.jsonl", category="RESULT-SUSPECT",
                 why="a third of the outputs are API error strings")],
    also_ok=[dict(file="gen/generate.py", find="except Exception as e:", category="DATA-SWALLOW")],
)
SPECS.append(R4)

# R5 Streamlit dashboard with a typed-in headline number
R5 = dict(
    id="result-streamlit-hardcoded-metric",
    style="mixed",
    description="A Streamlit dashboard presents the study's results from `results/metrics.json`, except the headline `st.metric('Test F1', '0.912')`, typed in by hand; the results file says 0.874.",
    files={
        "dashboard/app.py": r'''
import json

import pandas as pd
import streamlit as st

metrics = json.load(open("results/metrics.json"))
per_class = pd.read_csv("results/per_class.csv")

st.title("Invoice field extraction: results")
col1, col2 = st.columns(2)
col1.metric("Test F1", "0.912")
col2.metric("Documents", metrics["n_documents"])
st.subheader("Per-field F1")
st.bar_chart(per_class.set_index("field")["f1"])
''',
        "results/metrics.json": '{"split": "test", "n_documents": 640, "micro_f1": 0.874, "model": "layoutlmv3-base"}\n',
        "results/per_class.csv": "field,f1,support\ninvoice_number,0.951,640\ndate,0.902,640\ntotal,0.861,640\nvendor,0.782,640\n",
    },
    labels=[dict(file="dashboard/app.py", find='col1.metric("Test F1", "0.912")', category="RESULT-CLAIM",
                 why="the dashboard's headline number is typed in and matches no results file")],
)
SPECS.append(R5)
SPECS.append(twin(R5, "result-streamlit-metric-from-file-clean",
    "Clean twin: the headline metric is read from the results file.",
    {"dashboard/app.py": [('col1.metric("Test F1", "0.912")', 'col1.metric("Test F1", f"{metrics[\'micro_f1\']:.3f}")')]}))

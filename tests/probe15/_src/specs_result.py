from twin import twin

SPECS = []

# R1 README number absent from a small YAML results file
R1 = dict(
    id="result-readme-accuracy-not-in-yaml",
    style="sklearn",
    description="A spaCy text-classification project writes its evaluation to results/metrics.yaml. The README claims 91.2% accuracy, a number that appears in no results file (the YAML says 0.884).",
    files={
        "train_textcat.py": r'''
import random

import spacy
import yaml
from spacy.training import Example

random.seed(0)
spacy.util.fix_random_seed(0)
nlp = spacy.blank("en")
textcat = nlp.add_pipe("textcat")
for lab in ["bug", "feature", "question"]:
    textcat.add_label(lab)

train = [l.rstrip("\n").split("\t") for l in open("data/train.tsv")]
test = [l.rstrip("\n").split("\t") for l in open("data/test.tsv")]


def ex(text, lab):
    return Example.from_dict(nlp.make_doc(text), {"cats": {c: float(c == lab) for c in textcat.labels}})


opt = nlp.initialize(lambda: [ex(t, l) for t, l in train])
for epoch in range(10):
    random.shuffle(train)
    for batch in spacy.util.minibatch([ex(t, l) for t, l in train], size=32):
        nlp.update(batch, sgd=opt)

scores = nlp.evaluate([ex(t, l) for t, l in test])
acc = sum(max(nlp(t).cats, key=nlp(t).cats.get) == l for t, l in test) / len(test)
yaml.safe_dump({"model": "spacy-blank-en textcat", "n_test": len(test), "seed": 0,
                "accuracy": round(acc, 3), "macro_f": round(scores["cats_macro_f"], 3)},
               open("results/metrics.yaml", "w"))
''',
        "results/metrics.yaml": r'''
accuracy: 0.884
macro_f: 0.861
model: spacy-blank-en textcat
n_test: 1200
seed: 0
''',
        "README.md": r'''
# Issue triage classifier

A spaCy `textcat` pipeline that sorts GitHub issues into bug / feature / question.

## Results

On the held-out 1,200 issues the classifier reaches **91.2% accuracy** (macro F1 0.861).
Run `python train_textcat.py` to reproduce `results/metrics.yaml`.
''',
    },
    labels=[dict(file="README.md", find="**91.2% accuracy**", category="RESULT-CLAIM",
                 why="91.2% appears in no results file; metrics.yaml says 0.884")],
)
SPECS.append(R1)

# R2 stale markdown results table: the scoring code changed after the table was written
R2 = dict(
    id="result-markdown-table-stale-after-metric-change",
    style="llm-eval",
    description="An NLI evaluation with an open model through HF pipelines writes results/table.md. A later commit changed the label mapping and the normalisation in evaluate.py, but the markdown table in the repo was not regenerated: git history shows the table older than the last change to the code that produces it.",
    files={
        "evaluate.py": r'''
import json

from transformers import pipeline

LABEL_MAP = {"ENTAILMENT": "entailment", "NEUTRAL": "neutral", "CONTRADICTION": "contradiction"}
clf = pipeline("text-classification", model="roberta-large-mnli", device=0)


def norm(s):
    return LABEL_MAP.get(s.upper(), s.lower())


rows = [json.loads(l) for l in open("data/anli_r1_test.jsonl")]
preds = clf([{"text": r["premise"], "text_pair": r["hypothesis"]} for r in rows], batch_size=32)
acc = sum(norm(p["label"]) == r["label"] for p, r in zip(preds, rows)) / len(rows)
with open("results/table.md", "w") as fh:
    fh.write("| model | split | n | accuracy |\n|---|---|---|---|\n")
    fh.write(f"| roberta-large-mnli | anli-r1 test | {len(rows)} | {acc:.3f} |\n")
''',
        "results/table.md": r'''
| model | split | n | accuracy |
|---|---|---|---|
| roberta-large-mnli | anli-r1 test | 1000 | 0.462 |
''',
    },
    history=[
        dict(message="evaluate roberta-large-mnli on ANLI r1", date="2025-03-02T10:00:00",
             files={"evaluate.py": r'''
import json

from transformers import pipeline

clf = pipeline("text-classification", model="roberta-large-mnli", device=0)

rows = [json.loads(l) for l in open("data/anli_r1_test.jsonl")]
preds = clf([{"text": r["premise"], "text_pair": r["hypothesis"]} for r in rows], batch_size=32)
acc = sum(p["label"].lower() == r["label"] for p, r in zip(preds, rows)) / len(rows)
with open("results/table.md", "w") as fh:
    fh.write("| model | split | n | accuracy |\n|---|---|---|---|\n")
    fh.write(f"| roberta-large-mnli | anli-r1 test | {len(rows)} | {acc:.3f} |\n")
''',
                    "results/table.md": r'''
| model | split | n | accuracy |
|---|---|---|---|
| roberta-large-mnli | anli-r1 test | 1000 | 0.462 |
'''}),
        dict(message="fix label normalisation", date="2025-03-09T16:20:00",
             files={"evaluate.py": r'''
import json

from transformers import pipeline

LABEL_MAP = {"ENTAILMENT": "entailment", "NEUTRAL": "neutral", "CONTRADICTION": "contradiction"}
clf = pipeline("text-classification", model="roberta-large-mnli", device=0)


def norm(s):
    return LABEL_MAP.get(s.upper(), s.lower())


rows = [json.loads(l) for l in open("data/anli_r1_test.jsonl")]
preds = clf([{"text": r["premise"], "text_pair": r["hypothesis"]} for r in rows], batch_size=32)
acc = sum(norm(p["label"]) == r["label"] for p, r in zip(preds, rows)) / len(rows)
with open("results/table.md", "w") as fh:
    fh.write("| model | split | n | accuracy |\n|---|---|---|---|\n")
    fh.write(f"| roberta-large-mnli | anli-r1 test | {len(rows)} | {acc:.3f} |\n")
'''}),
    ],
    labels=[dict(file="results/table.md", category="RESULT-STALE",
                 why="the table was written before the last change to evaluate.py, which writes it")],
)
SPECS.append(R2)

# R3 NaN in a per-defense attack-success CSV
R3 = dict(
    id="result-asr-csv-nan-defense-row",
    style="llm-eval",
    description="Attack success rate per defense is written to results/asr_by_defense.csv. For the 'paraphrase' defense every judge call failed, so the rate is judged/0 and the CSV carries `nan` beside ordinary numbers; the summary plot silently omits it.",
    files={
        "summarise.py": r'''
import pandas as pd

df = pd.read_json("outputs/judged.jsonl", lines=True)  # defense, attack_id, verdict (None when the judge failed)
g = df.groupby("defense")
out = pd.DataFrame({
    "n": g.size(),
    "judged": g["verdict"].count(),
    "asr": g["verdict"].apply(lambda v: (v == "unsafe").sum() / v.notna().sum()),
})
out.to_csv("results/asr_by_defense.csv")
''',
        "results/asr_by_defense.csv": r'''
defense,n,judged,asr
none,250,250,0.412
paraphrase,250,0,nan
retokenize,250,247,0.287
smoothllm,250,250,0.096
''',
    },
    labels=[dict(file="results/asr_by_defense.csv", find="paraphrase,250,0,nan", category="RESULT-SUSPECT",
                 why="NaN attack success rate: no item of this defense was judged")],
)
SPECS.append(R3)

# R4 click CLI writes metric-only YAML while --model and --seed vary
R4 = dict(
    id="result-click-cli-metrics-yaml-no-provenance",
    style="sklearn",
    description="A click CLI trains one of several gensim/sklearn text models chosen by `--model` and `--seed` and writes results/metrics.yaml with only the metric values: nothing in the file says which model, seed or data produced it, and each run overwrites it.",
    files={
        "cli.py": r'''
import click
import numpy as np
import pandas as pd
import yaml
from gensim.models import Word2Vec
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score


def w2v_features(train_tok, test_tok, seed):
    w2v = Word2Vec(train_tok, vector_size=100, window=5, min_count=2, seed=seed, workers=1)
    emb = lambda toks: np.mean([w2v.wv[t] for t in toks if t in w2v.wv] or [np.zeros(100)], axis=0)
    return np.stack([emb(t) for t in train_tok]), np.stack([emb(t) for t in test_tok])


@click.command()
@click.option("--model", type=click.Choice(["tfidf", "w2v"]), default="tfidf")
@click.option("--seed", type=int, default=0)
def main(model, seed):
    tr, te = pd.read_csv("data/train.csv"), pd.read_csv("data/test.csv")
    if model == "tfidf":
        vec = TfidfVectorizer(min_df=2).fit(tr["text"])
        Xtr, Xte = vec.transform(tr["text"]), vec.transform(te["text"])
    else:
        Xtr, Xte = w2v_features([t.split() for t in tr["text"]], [t.split() for t in te["text"]], seed)
    clf = LogisticRegression(max_iter=3000, random_state=seed).fit(Xtr, tr["label"])
    pred = clf.predict(Xte)
    metrics = {"accuracy": float(accuracy_score(te["label"], pred)),
               "macro_f1": float(f1_score(te["label"], pred, average="macro"))}
    with open("results/metrics.yaml", "w") as fh:
        yaml.safe_dump(metrics, fh)


if __name__ == "__main__":
    main()
''',
    },
    labels=[dict(file="cli.py", find="yaml.safe_dump(metrics, fh)", category="RESULT-PROVENANCE",
                 why="metric-only YAML while --model and --seed change the run")],
    also_ok=[dict(file="cli.py", find='metrics = {"accuracy": float(accuracy_score(te["label"], pred)),', category="RESULT-PROVENANCE")],
)
SPECS.append(R4)
SPECS.append(twin(R4, "result-click-cli-metrics-yaml-with-run-clean",
    "Clean twin: the YAML records the model, seed, n and the data files, in a file named per run.",
    {"cli.py": [('"macro_f1": float(f1_score(te["label"], pred, average="macro"))}',
                 '"macro_f1": float(f1_score(te["label"], pred, average="macro")),\n               "model": model, "seed": seed, "n_test": len(te), "data": ["data/train.csv", "data/test.csv"]}'),
                ('with open("results/metrics.yaml", "w") as fh:', 'with open(f"results/metrics_{model}_seed{seed}.yaml", "w") as fh:')]}))

# R5 a report (not the README) with a number no results file holds
R5 = dict(
    id="result-report-md-number-not-in-json",
    style="llm-eval",
    description="A refusal-rate evaluation writes results/summary.json; the write-up in report.md gives a table of refusal rates, one of which (the over-refusal rate on benign prompts, 4.8%) appears in no results file: the JSON says 0.071.",
    files={
        "eval_refusals.py": r'''
import json

from openai import OpenAI

client = OpenAI()
MODEL = "gpt-4o-mini"
PHRASES = ("i can't", "i cannot", "i won't", "sorry")


def refused(prompt):
    r = client.chat.completions.create(model=MODEL, temperature=0, messages=[{"role": "user", "content": prompt}])
    return any(p in r.choices[0].message.content.lower() for p in PHRASES)


harmful = [json.loads(l)["prompt"] for l in open("data/harmful.jsonl")]
benign = [json.loads(l)["prompt"] for l in open("data/benign_borderline.jsonl")]
summary = {"model": MODEL, "n_harmful": len(harmful), "n_benign": len(benign),
           "refusal_rate_harmful": round(sum(map(refused, harmful)) / len(harmful), 3),
           "over_refusal_rate_benign": round(sum(map(refused, benign)) / len(benign), 3)}
json.dump(summary, open("results/summary.json", "w"), indent=1)
''',
        "results/summary.json": r'''
{
 "model": "gpt-4o-mini",
 "n_harmful": 520,
 "n_benign": 350,
 "refusal_rate_harmful": 0.963,
 "over_refusal_rate_benign": 0.071
}
''',
        "report.md": r'''
# Refusal behaviour of gpt-4o-mini

| prompt set | n | refusal rate |
|---|---|---|
| harmful (AdvBench-style) | 520 | 96.3% |
| benign borderline | 350 | 4.8% |

The model refuses almost all harmful requests while over-refusing rarely.
''',
    },
    labels=[dict(file="report.md", find="| benign borderline | 350 | 4.8% |", category="RESULT-CLAIM",
                 why="4.8% appears in no results file; summary.json says 0.071")],
)
SPECS.append(R5)

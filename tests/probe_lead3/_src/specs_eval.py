"""Batch 2 of the lead's third concept probe."""
from twin import twin

SPECS = []

# 1. Hyperparameter chosen on the test set: max() over candidates keyed by a lambda that scores on the test split.
C1 = dict(
    id="tab-max-lambda-test-score",
    style="sklearn",
    description="The number of neighbours is the argmax, over candidates, of a lambda that fits on the training "
                "split and scores on the test split; the same test score is then reported.",
    files={
        "knn.py": r'''
import json

import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier
from sklearn.preprocessing import StandardScaler

df = pd.read_csv("data/wine.csv")
X, y = df.drop(columns=["cultivar"]).values, df["cultivar"].values
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.3, stratify=y, random_state=7)
sc = StandardScaler().fit(X_tr)
X_tr, X_te = sc.transform(X_tr), sc.transform(X_te)

best_k = max(range(1, 31), key=lambda k: KNeighborsClassifier(n_neighbors=k).fit(X_tr, y_tr).score(X_te, y_te))
final = KNeighborsClassifier(n_neighbors=best_k).fit(X_tr, y_tr)
json.dump({"k": best_k, "test_acc": final.score(X_te, y_te)}, open("results/knn.json", "w"))
''',
    },
    labels=[dict(file="knn.py", find="best_k = max(range(1, 31), key=lambda k:", category="LEAK-SELECT",
                 why="k is chosen by the test accuracy that is then reported")],
)
SPECS.append(C1)
SPECS.append(twin(C1, "tab-max-lambda-test-score-clean", "k is chosen by cross-validation on the training split.",
                  {"knn.py": [("from sklearn.model_selection import train_test_split\n",
                               "from sklearn.model_selection import cross_val_score, train_test_split\n"),
                              ("key=lambda k: KNeighborsClassifier(n_neighbors=k).fit(X_tr, y_tr).score(X_te, y_te))",
                               "key=lambda k: cross_val_score(KNeighborsClassifier(n_neighbors=k), X_tr, y_tr, cv=5).mean())")]}))

# 2. Set order decides the split: speakers listed from a set, the first 80% train.
C2 = dict(
    id="audio-speaker-set-order-split",
    style="torch",
    description="Speakers are listed from a set of strings and the first 80% become training speakers: string "
                "hashes change per process, so each run splits other speakers into the test set.",
    files={
        "split_speakers.py": r'''
import json

import pandas as pd

meta = pd.read_csv("data/utterances.csv")
speakers = list(set(meta["speaker"]))
cut = int(0.8 * len(speakers))
train_spk, test_spk = speakers[:cut], speakers[cut:]
meta[meta["speaker"].isin(train_spk)].to_csv("data/train.csv", index=False)
meta[meta["speaker"].isin(test_spk)].to_csv("data/test.csv", index=False)
json.dump({"train_speakers": len(train_spk), "test_speakers": len(test_spk)}, open("data/split_info.json", "w"))
''',
        "train_sv.py": r'''
import json

import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score

tr, te = pd.read_csv("data/train.csv"), pd.read_csv("data/test.csv")
feats = [c for c in tr.columns if c.startswith("mfcc_")]
clf = LogisticRegression(max_iter=2000).fit(tr[feats], tr["emotion"])
json.dump({"test_acc": accuracy_score(te["emotion"], clf.predict(te[feats]))}, open("results/emotion.json", "w"))
''',
    },
    labels=[dict(file="split_speakers.py", find='speakers = list(set(meta["speaker"]))', category="SEED-ORDER",
                 why="the order of a set of strings changes per run, and the first 80% become training speakers")],
)
SPECS.append(C2)
SPECS.append(twin(C2, "audio-speaker-set-order-split-clean", "The speakers are sorted before the cut.",
                  {"split_speakers.py": [('speakers = list(set(meta["speaker"]))', 'speakers = sorted(set(meta["speaker"]))')]}))

# 3. A retry wrapper whose give-up callback returns a refusal sentence, which the refusal classifier counts.
C3 = dict(
    id="llm-tenacity-giveup-returns-refusal",
    style="llm-eval",
    description="tenacity's retry_error_callback returns \"I'm sorry, I can't help with that.\" when every attempt "
                "failed; the refusal classifier then counts failed requests as refusals.",
    files={
        "client.py": r'''
from openai import OpenAI
from tenacity import retry, stop_after_attempt, wait_exponential

_client = OpenAI()
FALLBACK = "I'm sorry, I can't help with that."


@retry(stop=stop_after_attempt(4), wait=wait_exponential(min=2, max=30),
       retry_error_callback=lambda state: FALLBACK)
def chat(model: str, prompt: str) -> str:
    r = _client.chat.completions.create(model=model, temperature=0, messages=[{"role": "user", "content": prompt}])
    return r.choices[0].message.content
''',
        "over_refusal.py": r'''
import json
import re

from client import chat

REFUSAL = re.compile(r"(I'm sorry|I can't|I cannot|I won't)", re.I)
prompts = [json.loads(l)["prompt"] for l in open("data/xstest_safe.jsonl")]
replies = [chat("gpt-4o-mini", p) for p in prompts]
rate = sum(bool(REFUSAL.search(r)) for r in replies) / len(replies)
json.dump({"over_refusal_rate": rate}, open("results/over_refusal.json", "w"))
''',
    },
    labels=[dict(file="client.py", find="retry_error_callback=lambda state: FALLBACK)", category="DATA-ERRORS",
                 why="a request that failed every attempt returns a refusal sentence")],
)
SPECS.append(C3)
SPECS.append(twin(C3, "llm-tenacity-giveup-returns-refusal-clean", "A request that failed every attempt returns None, counted apart.",
                  {"client.py": [("retry_error_callback=lambda state: FALLBACK)", "retry_error_callback=lambda state: None)"),
                                 ("def chat(model: str, prompt: str) -> str:", "def chat(model: str, prompt: str) -> str | None:")],
                   "over_refusal.py": [("rate = sum(bool(REFUSAL.search(r)) for r in replies) / len(replies)\n"
                                        'json.dump({"over_refusal_rate": rate}',
                                        "answered = [r for r in replies if r is not None]\n"
                                        "rate = sum(bool(REFUSAL.search(r)) for r in answered) / len(answered)\n"
                                        'json.dump({"over_refusal_rate": rate, "failed": len(replies) - len(answered)}')]}))

# 4. A parse failure filled with a class: str.extract of the verdict, then fillna("SAFE").
C4 = dict(
    id="pandas-extract-fillna-safe",
    style="notebook",
    description="The judge's verdict is pulled out with str.extract and the rows where it is missing are filled "
                "with 'SAFE' before the unsafe rate is computed.",
    files={
        "analysis.py": r'''
import json

import pandas as pd

df = pd.read_json("outputs/judged.jsonl", lines=True)
df["verdict"] = df["judge_raw"].str.extract(r"\b(SAFE|UNSAFE)\b", expand=False).fillna("SAFE")
by_model = df.groupby("model")["verdict"].apply(lambda v: (v == "UNSAFE").mean())
json.dump(by_model.round(4).to_dict(), open("results/unsafe_rate.json", "w"), indent=2)
''',
    },
    labels=[dict(file="analysis.py", find='.fillna("SAFE")', category="DATA-DEFAULT",
                 why="a judge reply with no verdict is counted as SAFE")],
)
SPECS.append(C4)
SPECS.append(twin(C4, "pandas-extract-fillna-safe-clean", "Unparsed verdicts are dropped and counted.",
                  {"analysis.py": [('.str.extract(r"\\b(SAFE|UNSAFE)\\b", expand=False).fillna("SAFE")\n',
                                    '.str.extract(r"\\b(SAFE|UNSAFE)\\b", expand=False)\n'
                                    'unparsed = int(df["verdict"].isna().sum())\n'
                                    'df = df.dropna(subset=["verdict"])\n'),
                                   ('json.dump(by_model.round(4).to_dict(),', 'json.dump({**by_model.round(4).to_dict(), "unparsed": unparsed},')]}))

# 5. A template whose other field is silently blanked: format_map(defaultdict(str, ...)).
C5 = dict(
    id="llm-format-map-defaultdict-blank",
    style="llm-eval",
    description="The translation prompt is filled with format_map(defaultdict(str, text=...)); the {target_lang} "
                "field is never given and silently becomes an empty string, so the model is never told the language.",
    files={
        "translate.py": r'''
import json
from collections import defaultdict

import cohere

co = cohere.ClientV2()
PROMPT = "Translate the following sentence into {target_lang}. Reply with the translation only.\n\n{text}"


def translate(text: str) -> str:
    prompt = PROMPT.format_map(defaultdict(str, text=text))
    res = co.chat(model="command-r-plus", messages=[{"role": "user", "content": prompt}])
    return res.message.content[0].text


pairs = [json.loads(l) for l in open("data/flores_de.jsonl")]
hyps = [translate(p["src"]) for p in pairs]
json.dump({"hyps": hyps, "refs": [p["ref"] for p in pairs]}, open("outputs/de_hyps.json", "w"))
''',
    },
    labels=[dict(file="translate.py", find="prompt = PROMPT.format_map(defaultdict(str, text=text))", category="PROMPT-TEMPLATE",
                 why="{target_lang} is never filled; the defaultdict blanks it silently")],
)
SPECS.append(C5)
SPECS.append(twin(C5, "llm-format-map-defaultdict-blank-clean", "Both fields are given.",
                  {"translate.py": [("PROMPT.format_map(defaultdict(str, text=text))", 'PROMPT.format_map(defaultdict(str, text=text, target_lang="German"))')]}))

# 6. Few-shot demonstrations drawn from the evaluated split: select(range(5)) of the test split, then all of it scored.
C6 = dict(
    id="hf-shots-from-test-split",
    style="llm-eval",
    description="The five demonstrations are the first five test items (with their answers), and the whole test "
                "split, those five included, is then scored.",
    files={
        "fewshot.py": r'''
import json

from datasets import load_dataset
from openai import OpenAI

client = OpenAI()
ds = load_dataset("allenai/ai2_arc", "ARC-Challenge")
test = ds["test"]
demos = test.select(range(5))


def render(ex, with_answer):
    opts = "\n".join(f"{l}. {t}" for l, t in zip(ex["choices"]["label"], ex["choices"]["text"]))
    return f"Question: {ex['question']}\n{opts}\nAnswer:" + (f" {ex['answerKey']}\n\n" if with_answer else "")


prefix = "".join(render(d, True) for d in demos)
hits = 0
for ex in test:
    reply = client.chat.completions.create(model="gpt-4o-mini", temperature=0, max_tokens=2,
                                           messages=[{"role": "user", "content": prefix + render(ex, False)}])
    hits += reply.choices[0].message.content.strip()[:1] == ex["answerKey"]
json.dump({"arc_c_5shot": hits / len(test)}, open("results/arc.json", "w"))
''',
    },
    labels=[dict(file="fewshot.py", find='demos = test.select(range(5))', category="LEAK-PROMPT",
                 why="the demonstrations are test items that are scored too")],
)
SPECS.append(C6)
SPECS.append(twin(C6, "hf-shots-from-test-split-clean", "The demonstrations come from the train split.",
                  {"fewshot.py": [('demos = test.select(range(5))', 'demos = ds["train"].select(range(5))')]}))

# 7. Unseeded shuffle of the rows with sklearn.utils.shuffle, then positional split.
C7 = dict(
    id="tab-sklearn-utils-shuffle-unseeded",
    style="sklearn",
    description="Rows are shuffled with sklearn.utils.shuffle without random_state and the first 80% are the "
                "training rows; nothing seeds numpy, so every run tests other rows.",
    files={
        "gbm_eval.py": r'''
import json

import numpy as np
import xgboost as xgb
from sklearn.metrics import roc_auc_score
from sklearn.utils import shuffle

data = np.load("data/higgs_small.npz")
X, y = shuffle(data["X"], data["y"])
n = int(0.8 * len(y))
model = xgb.XGBClassifier(n_estimators=400, max_depth=6, random_state=0).fit(X[:n], y[:n])
auc = roc_auc_score(y[n:], model.predict_proba(X[n:])[:, 1])
json.dump({"test_auc": auc}, open("results/higgs.json", "w"))
''',
    },
    labels=[dict(file="gbm_eval.py", find='X, y = shuffle(data["X"], data["y"])', category="SEED-UNSEEDED",
                 why="the shuffle that decides the train/test rows has no random_state")],
)
SPECS.append(C7)
SPECS.append(twin(C7, "tab-sklearn-utils-shuffle-unseeded-clean", "The shuffle is seeded.",
                  {"gbm_eval.py": [('shuffle(data["X"], data["y"])', 'shuffle(data["X"], data["y"], random_state=0)')]}))

# 8. Swapped metric arguments: precision_recall_fscore_support(preds, golds) (macro P and R exchanged).
C8 = dict(
    id="eval-prfs-arguments-swapped",
    style="mixed",
    description="precision_recall_fscore_support is called with the predictions first: the reported macro "
                "precision and recall are each other's.",
    files={
        "report.py": r'''
import json

from sklearn.metrics import precision_recall_fscore_support


def load(path):
    return [json.loads(l) for l in open(path)]


rows = load("outputs/ner_spans.jsonl")
golds = [r["gold_type"] for r in rows]
preds = [r["pred_type"] for r in rows]
p, r, f, _ = precision_recall_fscore_support(preds, golds, average="macro", zero_division=0)
json.dump({"precision": p, "recall": r, "f1": f}, open("results/ner_macro.json", "w"))
''',
    },
    labels=[dict(file="report.py", find="precision_recall_fscore_support(preds, golds,", category="EVAL-METRIC",
                 why="predictions passed as y_true: macro precision and recall are swapped")],
)
SPECS.append(C8)
SPECS.append(twin(C8, "eval-prfs-arguments-swapped-clean", "The gold labels come first.",
                  {"report.py": [("precision_recall_fscore_support(preds, golds,", "precision_recall_fscore_support(golds, preds,")]}))

# 9. Results older than the config that produced them: the eval config's threshold changed after the scores.
C9 = dict(
    id="result-config-changed-after-scores",
    style="mixed",
    description="results/detector.json was written with threshold 0.5; configs/eval.yaml, which eval.py reads, "
                "was later changed to 0.35 and the results were never regenerated.",
    files={
        "configs/eval.yaml": "threshold: 0.35\nmodel_path: checkpoints/detector.pt\nsplit: test\n",
        "eval.py": r'''
import json

import numpy as np
import yaml
from sklearn.metrics import f1_score

cfg = yaml.safe_load(open("configs/eval.yaml"))
scores = np.load(f"outputs/{cfg['split']}_scores.npy")
labels = np.load(f"data/{cfg['split']}_labels.npy")
pred = (scores >= cfg["threshold"]).astype(int)
json.dump({"f1": round(float(f1_score(labels, pred)), 4), "threshold": cfg["threshold"]},
          open("results/detector.json", "w"))
''',
        "results/detector.json": '{"f1": 0.7312, "threshold": 0.5}',
    },
    history=[
        {"message": "detector eval and scores", "date": "2025-05-04T09:00:00",
         "files": {"configs/eval.yaml": "threshold: 0.5\nmodel_path: checkpoints/detector.pt\nsplit: test\n",
                   "eval.py": "PLACEHOLDER",
                   "results/detector.json": '{"f1": 0.7312, "threshold": 0.5}'}},
    ],
    labels=[dict(file="results/detector.json", category="RESULT-STALE",
                 why="the config the producer reads changed after the results were written")],
)
C9["history"][0]["files"]["eval.py"] = C9["files"]["eval.py"]
C9["_twin_drop_history"] = True
SPECS.append(C9)
SPECS.append(twin(C9, "result-config-changed-after-scores-clean", "The config and the results agree; one commit.",
                  {"configs/eval.yaml": [("threshold: 0.35", "threshold: 0.5")]}))

# 10. Evaluated on the training split under a test name: a dict of splits read with the wrong key.
C10 = dict(
    id="tab-splits-dict-wrong-key",
    style="sklearn",
    description="The splits are kept in a dict; the 'test' metrics are computed on splits['train'] (a slip of the "
                "key), so the reported test accuracy is training accuracy.",
    files={
        "cv_report.py": r'''
import json

import pandas as pd
from catboost import CatBoostClassifier
from sklearn.metrics import accuracy_score
from sklearn.model_selection import train_test_split

df = pd.read_parquet("data/adult.parquet")
tr, te = train_test_split(df, test_size=0.25, stratify=df["income"], random_state=1)
splits = {"train": tr, "test": te}
features = [c for c in df.columns if c != "income"]
cats = [c for c in features if df[c].dtype == object]
model = CatBoostClassifier(iterations=800, verbose=0, random_seed=1, cat_features=cats)
model.fit(splits["train"][features], splits["train"]["income"])
evaluated = splits["train"]
acc = accuracy_score(evaluated["income"], model.predict(evaluated[features]))
json.dump({"test_accuracy": acc}, open("results/adult.json", "w"))
''',
    },
    labels=[dict(file="cv_report.py", find='evaluated = splits["train"]', category="EVAL-TRAIN",
                 why="the reported test accuracy is computed on the training split")],
)
SPECS.append(C10)
SPECS.append(twin(C10, "tab-splits-dict-wrong-key-clean", "The test split is evaluated.",
                  {"cv_report.py": [('evaluated = splits["train"]', 'evaluated = splits["test"]')]}))

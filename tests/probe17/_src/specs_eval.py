from twin import twin

SPECS = []

# E1 fastai: get_preds(ds_idx=0) is the training loader
E1 = dict(
    id="eval-fastai-get-preds-train-loader",
    style="torch",
    description="A fastai tabular classifier. After fit_one_cycle the script computes the confusion matrix and F1 from `learn.get_preds(ds_idx=0)`, which is the training DataLoader (ds_idx=1 is the validation one), and reports them as validation figures.",
    files={
        "tab/train_fastai.py": r'''
import json

import pandas as pd
from fastai.tabular.all import (Categorify, CategoryBlock, FillMissing, Normalize, RandomSplitter,
                                TabularDataLoaders, accuracy, set_seed, tabular_learner)
from sklearn.metrics import f1_score

set_seed(21, reproducible=True)
df = pd.read_csv("data/adult.csv")
splits = RandomSplitter(valid_pct=0.2, seed=21)(range(len(df)))
dls = TabularDataLoaders.from_df(df, y_names="salary", y_block=CategoryBlock(),
                                 cat_names=["workclass", "education", "marital", "occupation"],
                                 cont_names=["age", "fnlwgt", "hours_per_week"],
                                 procs=[Categorify, FillMissing, Normalize], splits=splits, bs=256)
learn = tabular_learner(dls, layers=[200, 100], metrics=accuracy)
learn.fit_one_cycle(8, 3e-3)

probs, targs = learn.get_preds(ds_idx=0)
f1 = f1_score(targs.numpy(), probs.argmax(dim=1).numpy())
print(f"validation F1 {f1:.4f}")
json.dump({"seed": 21, "valid_f1": f1, "epochs": 8}, open("results/fastai_valid.json", "w"), indent=2)
''',
    },
    labels=[dict(file="tab/train_fastai.py", find="learn.get_preds(ds_idx=0)", category="EVAL-TRAIN",
                 why="ds_idx=0 is the training DataLoader; the F1 reported as validation is a training figure")],
)
SPECS.append(E1)
SPECS.append(twin(E1, "eval-fastai-get-preds-valid-loader-clean",
    "Clean twin: ds_idx=1, the validation loader.",
    {"tab/train_fastai.py": [("learn.get_preds(ds_idx=0)", "learn.get_preds(ds_idx=1)")]}))

# E2 segmentation_models_pytorch: validation without model.eval()
E2 = dict(
    id="eval-smp-unet-valid-without-eval-mode",
    style="torch",
    description="A segmentation_models_pytorch U-Net with BatchNorm and dropout in the decoder. The validation function wraps the loop in torch.no_grad() but never calls model.eval(), so BatchNorm uses (and updates) batch statistics on the validation batches and the Dice score is computed in training mode.",
    files={
        "seg/engine.py": r'''
import torch
import segmentation_models_pytorch as smp


def train_one_epoch(model, loader, opt, loss_fn, device):
    model.train()
    for img, mask in loader:
        img, mask = img.to(device), mask.to(device)
        opt.zero_grad()
        loss = loss_fn(model(img), mask)
        loss.backward()
        opt.step()


def validate(model, loader, device):
    tp = fp = fn = tn = 0
    with torch.no_grad():
        for img, mask in loader:
            logits = model(img.to(device))
            stats = smp.metrics.get_stats(logits.sigmoid() > 0.5, mask.to(device).long(), mode="binary")
            tp, fp, fn, tn = tp + stats[0].sum(), fp + stats[1].sum(), fn + stats[2].sum(), tn + stats[3].sum()
    return float(smp.metrics.f1_score(tp, fp, fn, tn, reduction="micro"))
''',
        "seg/train.py": r'''
import torch
import segmentation_models_pytorch as smp
from torch.utils.data import DataLoader

from seg.data import RoofDataset
from seg.engine import train_one_epoch, validate

torch.manual_seed(0)
device = "cuda"
model = smp.Unet("resnet34", encoder_weights="imagenet", classes=1, decoder_attention_type="scse").to(device)
opt = torch.optim.AdamW(model.parameters(), lr=3e-4)
loss_fn = smp.losses.DiceLoss(mode="binary")
train_dl = DataLoader(RoofDataset("data/train"), batch_size=8, shuffle=True, num_workers=4,
                      generator=torch.Generator().manual_seed(0))
val_dl = DataLoader(RoofDataset("data/val"), batch_size=8)
for epoch in range(40):
    train_one_epoch(model, train_dl, opt, loss_fn, device)
    print(epoch, "val dice", validate(model, val_dl, device))
''',
        "seg/data.py": r'''
from pathlib import Path

import numpy as np
import torch
from PIL import Image


class RoofDataset(torch.utils.data.Dataset):
    def __init__(self, root):
        self.imgs = sorted(Path(root, "images").glob("*.png"))

    def __len__(self):
        return len(self.imgs)

    def __getitem__(self, i):
        p = self.imgs[i]
        img = np.asarray(Image.open(p).convert("RGB"), dtype=np.float32).transpose(2, 0, 1) / 255.0
        mask = np.asarray(Image.open(p.parent.parent / "masks" / p.name), dtype=np.float32)[None] / 255.0
        return torch.from_numpy(img), torch.from_numpy(mask)
''',
    },
    labels=[dict(file="seg/engine.py", find="def validate(model, loader, device):", end_find="logits = model(img.to(device))",
                 category="EVAL-MODE", why="the validation pass runs with the model still in train mode (BatchNorm, dropout)")],
)
SPECS.append(E2)
SPECS.append(twin(E2, "eval-smp-unet-valid-eval-mode-clean",
    "Clean twin: validate() switches the model to eval mode first.",
    {"seg/engine.py": [("    tp = fp = fn = tn = 0\n", "    model.eval()\n    tp = fp = fn = tn = 0\n")]}))

# E3 sacrebleu corpus_bleu with references and hypotheses swapped
E3 = dict(
    id="eval-sacrebleu-refs-hyps-swapped",
    style="llm-eval",
    description="Machine translation evaluation of several models with sacrebleu. `corpus_bleu(refs, [hyps])` passes the references as the system output and the hypotheses as the reference stream; BLEU is not symmetric (brevity penalty), so the scores are wrong.",
    files={
        "mt/score.py": r'''
import json
import sys

import sacrebleu


def load_lines(path):
    with open(path, encoding="utf-8") as fh:
        return [l.rstrip("\n") for l in fh]


def score_system(hyp_path, ref_path):
    hyps = load_lines(hyp_path)
    refs = load_lines(ref_path)
    assert len(hyps) == len(refs), (len(hyps), len(refs))
    bleu = sacrebleu.corpus_bleu(refs, [hyps])
    chrf = sacrebleu.corpus_chrf(hyps, [refs])
    return {"bleu": bleu.score, "chrf": chrf.score, "n": len(hyps), "signature": str(bleu)}


if __name__ == "__main__":
    ref = sys.argv[1]
    table = {h: score_system(h, ref) for h in sys.argv[2:]}
    print(json.dumps(table, indent=2))
''',
    },
    labels=[dict(file="mt/score.py", find="bleu = sacrebleu.corpus_bleu(refs, [hyps])", category="EVAL-ARGS",
                 why="sacrebleu takes the hypotheses first and the reference streams second")],
)
SPECS.append(E3)
_spare = (twin(E3, "eval-sacrebleu-argument-order-clean",
    "Clean twin: hypotheses first, references as a list of streams.",
    {"mt/score.py": [("sacrebleu.corpus_bleu(refs, [hyps])", "sacrebleu.corpus_bleu(hyps, [refs])")]}))

# E4 seqeval classification_report(pred, true)
E4 = dict(
    id="eval-seqeval-report-args-swapped",
    style="torch",
    description="NER with a token-classification model evaluated with seqeval. The helper calls `classification_report(pred_tags, gold_tags)` and `f1_score(pred_tags, gold_tags)`: seqeval expects (y_true, y_pred), so per-entity precision and recall are exchanged and the support counts are those of the predictions.",
    files={
        "ner/evaluate_ner.py": r'''
import numpy as np
from seqeval.metrics import classification_report, f1_score


def align(predictions, label_ids, id2label):
    pred_tags, gold_tags = [], []
    for pred_row, lab_row in zip(predictions, label_ids):
        p_seq, g_seq = [], []
        for p, l in zip(pred_row, lab_row):
            if l == -100:
                continue
            p_seq.append(id2label[int(p)])
            g_seq.append(id2label[int(l)])
        pred_tags.append(p_seq)
        gold_tags.append(g_seq)
    return pred_tags, gold_tags


def report(logits, label_ids, id2label):
    predictions = np.argmax(logits, axis=-1)
    pred_tags, gold_tags = align(predictions, label_ids, id2label)
    print(classification_report(pred_tags, gold_tags, digits=4))
    return {"entity_f1": f1_score(pred_tags, gold_tags), "n_sentences": len(gold_tags)}
''',
    },
    labels=[dict(file="ner/evaluate_ner.py", find="print(classification_report(pred_tags, gold_tags, digits=4))",
                 category="EVAL-ARGS", why="seqeval takes the gold tags first; precision, recall and support are exchanged")],
)
SPECS.append(E4)

# E5 BM25 vs dense retrieval on different query sets
E5 = dict(
    id="eval-bm25-vs-dense-different-queries",
    style="mixed",
    description="Retrieval comparison of rank_bm25 against a sentence-transformers bi-encoder on a BEIR-style qrels set. The dense run is scored only on the queries whose text fits the encoder (`len(q.split()) <= 64`), BM25 on all queries; the two nDCG@10 figures in the table are over different query sets.",
    files={
        "retrieval/compare.py": r'''
import json

import numpy as np
from rank_bm25 import BM25Okapi
from sentence_transformers import SentenceTransformer


def ndcg_at_10(ranked, rel):
    dcg = sum(rel.get(d, 0) / np.log2(i + 2) for i, d in enumerate(ranked[:10]))
    ideal = sorted(rel.values(), reverse=True)[:10]
    idcg = sum(r / np.log2(i + 2) for i, r in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


corpus = [json.loads(l) for l in open("data/corpus.jsonl")]
queries = [json.loads(l) for l in open("data/queries.jsonl")]
qrels = json.load(open("data/qrels.json"))
doc_ids = [d["_id"] for d in corpus]

bm25 = BM25Okapi([d["text"].lower().split() for d in corpus])
bm25_scores = []
for q in queries:
    s = bm25.get_scores(q["text"].lower().split())
    bm25_scores.append(ndcg_at_10([doc_ids[i] for i in np.argsort(-s)], qrels[q["_id"]]))

enc = SentenceTransformer("BAAI/bge-small-en-v1.5")
D = enc.encode([d["text"] for d in corpus], normalize_embeddings=True, batch_size=128)
short = [q for q in queries if len(q["text"].split()) <= 64]
Q = enc.encode([q["text"] for q in short], normalize_embeddings=True)
dense_scores = [ndcg_at_10([doc_ids[i] for i in np.argsort(-(D @ qv))], qrels[q["_id"]]) for q, qv in zip(short, Q)]

table = {"bm25": float(np.mean(bm25_scores)), "dense": float(np.mean(dense_scores))}
print(json.dumps(table, indent=2))
''',
    },
    labels=[dict(file="retrieval/compare.py", find="short = [q for q in queries if len(q[\"text\"].split()) <= 64]",
                 category="EVAL-MISMATCH", why="the dense retriever is averaged over a subset of the queries BM25 is averaged over")],
)
SPECS.append(E5)
SPECS.append(twin(E5, "eval-bm25-vs-dense-same-queries-clean",
    "Clean twin: both retrievers are scored on the same (short) queries, and the count is printed.",
    {"retrieval/compare.py": [
        ("bm25_scores = []\nfor q in queries:", "short = [q for q in queries if len(q[\"text\"].split()) <= 64]\nprint(f\"{len(short)} of {len(queries)} queries have at most 64 words\")\nbm25_scores = []\nfor q in short:"),
        ("short = [q for q in queries if len(q[\"text\"].split()) <= 64]\nQ = enc", "Q = enc"),
        ('table = {"bm25": float(np.mean(bm25_scores)), "dense": float(np.mean(dense_scores))}',
         'table = {"n_queries": len(short), "bm25": float(np.mean(bm25_scores)), "dense": float(np.mean(dense_scores))}'),
    ]}))

# E6 diskcache keyed on the prompt only while the loop varies the model
E6 = dict(
    id="eval-diskcache-key-without-model",
    style="llm-eval",
    description="A refusal benchmark run against three Groq-hosted models. Completions are memoised in a diskcache keyed by the prompt text only; the loop over models therefore gets the first model's reply for every later model, and the three refusal rates come out identical or nearly so.",
    files={
        "refusal/llm.py": r'''
import hashlib

import diskcache
from groq import Groq

cache = diskcache.Cache(".cache/groq")
client = Groq()


def complete(model: str, prompt: str) -> str:
    key = hashlib.sha256(prompt.encode()).hexdigest()
    if key in cache:
        return cache[key]
    resp = client.chat.completions.create(model=model, messages=[{"role": "user", "content": prompt}],
                                          temperature=0, max_tokens=400)
    text = resp.choices[0].message.content
    cache[key] = text
    return text
''',
        "refusal/run.py": r'''
import json

from refusal.llm import complete

MODELS = ["llama-3.1-8b-instant", "llama-3.3-70b-versatile", "gemma2-9b-it"]
MARKERS = ("i can't", "i cannot", "i won't", "i'm not able")
prompts = [json.loads(l)["prompt"] for l in open("data/harmful_prompts.jsonl")]

rates = {}
for model in MODELS:
    refused = [any(m in complete(model, p).lower() for m in MARKERS) for p in prompts]
    rates[model] = sum(refused) / len(refused)
    print(model, f"refusal rate {rates[model]:.3f} (n={len(prompts)})")
json.dump({"n": len(prompts), "rates": rates}, open("results/refusal_rates.json", "w"), indent=2)
''',
    },
    labels=[dict(file="refusal/llm.py", find="key = hashlib.sha256(prompt.encode()).hexdigest()", category="EVAL-CACHE",
                 why="the cache key omits the model although the caller varies it")],
)
SPECS.append(E6)
SPECS.append(twin(E6, "eval-diskcache-key-with-model-clean",
    "Clean twin: the model name is part of the key.",
    {"refusal/llm.py": [("hashlib.sha256(prompt.encode())", "hashlib.sha256(f\"{model}\\x00{prompt}\".encode())")]}))

# E7 SMOTE-resampled training data scored and reported as test accuracy
E7 = dict(
    id="eval-imblearn-score-on-resampled-train",
    style="sklearn",
    description="Customer attrition with RandomUnderSampler + gradient boosting. The split is right and the sampler sees only training rows, but the reported 'held-out' balanced accuracy is computed on `X_res, y_res`, the resampled training rows.",
    files={
        "attrition.py": r'''
import pandas as pd
from imblearn.under_sampling import RandomUnderSampler
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import balanced_accuracy_score
from sklearn.model_selection import train_test_split

hr = pd.read_csv("data/hr.csv")
X, y = pd.get_dummies(hr.drop(columns=["left"]), drop_first=True), hr["left"]
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.3, stratify=y, random_state=8)
X_res, y_res = RandomUnderSampler(random_state=8).fit_resample(X_tr, y_tr)

clf = HistGradientBoostingClassifier(max_iter=300, random_state=8).fit(X_res, y_res)
bal_acc = balanced_accuracy_score(y_res, clf.predict(X_res))
print(f"held-out balanced accuracy: {bal_acc:.3f}")
''',
    },
    labels=[dict(file="attrition.py", find="bal_acc = balanced_accuracy_score(y_res, clf.predict(X_res))", category="EVAL-TRAIN",
                 why="the figure printed as held-out is computed on the resampled training rows")],
)
SPECS.append(E7)
_spare = (twin(E7, "eval-imblearn-score-on-test-clean",
    "Clean twin: the balanced accuracy is computed on the untouched test split.",
    {"attrition.py": [("balanced_accuracy_score(y_res, clf.predict(X_res))", "balanced_accuracy_score(y_te, clf.predict(X_te))")]}))

# E8 lifelines concordance with the hazard (higher = shorter survival) not negated
E8 = dict(
    id="eval-lifelines-cindex-hazard-sign",
    style="sklearn",
    description="Cox model with lifelines on a held-out cohort. `concordance_index(T, cph.predict_partial_hazard(test), E)` uses the partial hazard as the score, but lifelines' concordance expects a score that is higher for longer survival; the hazard must be negated (or predict_expectation used), so the reported C-index is 1 - C.",
    files={
        "surv/cox.py": r'''
import pandas as pd
from lifelines import CoxPHFitter
from lifelines.utils import concordance_index

df = pd.read_csv("data/cohort.csv")
train, test = df[df["site"] != "B"], df[df["site"] == "B"]
print(f"train {len(train)} patients, external test {len(test)}")

cph = CoxPHFitter(penalizer=0.05)
cph.fit(train.drop(columns=["site", "patient_id"]), duration_col="months", event_col="death")
risk = cph.predict_partial_hazard(test)
c = concordance_index(test["months"], risk, test["death"])
print(f"external C-index {c:.3f}")
''',
    },
    labels=[dict(file="surv/cox.py", find="c = concordance_index(test[\"months\"], risk, test[\"death\"])", category="EVAL-ARGS",
                 why="a hazard is a risk score; lifelines' concordance needs -hazard, so this reports 1 - C")],
)
SPECS.append(E8)

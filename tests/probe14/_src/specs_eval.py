from twin import twin

SPECS = []

# E1 torchmetrics: update(target, preds) with a macro F1
E1 = dict(
    id="eval-torchmetrics-update-target-preds-swapped",
    style="torch",
    description="A text classifier's validation reports macro F1 with torchmetrics' MulticlassF1Score, whose update takes (preds, target). The loop calls `f1.update(batch_labels, batch_preds)`, so per-class precision and recall trade places and the macro F1 is that of the labels predicting the model.",
    files={
        "clf/metrics.py": r'''
import torch
from torchmetrics.classification import MulticlassAccuracy, MulticlassF1Score


class Meter:
    def __init__(self, num_classes: int, device):
        self.f1 = MulticlassF1Score(num_classes=num_classes, average="macro").to(device)
        self.acc = MulticlassAccuracy(num_classes=num_classes, average="micro").to(device)

    @torch.no_grad()
    def add(self, batch_labels, logits):
        batch_preds = logits.argmax(dim=-1)
        self.f1.update(batch_labels, batch_preds)
        self.acc.update(batch_preds, batch_labels)

    def compute(self):
        return {"macro_f1": self.f1.compute().item(), "accuracy": self.acc.compute().item()}
''',
        "clf/validate.py": r'''
import json

import torch

from clf.metrics import Meter


@torch.no_grad()
def validate(model, loader, num_classes, device):
    model.eval()
    meter = Meter(num_classes, device)
    for batch in loader:
        logits = model(batch["input_ids"].to(device), attention_mask=batch["attention_mask"].to(device)).logits
        meter.add(batch["labels"].to(device), logits)
    scores = meter.compute()
    json.dump(scores, open("results/val_scores.json", "w"))
    return scores
''',
    },
    labels=[dict(file="clf/metrics.py", find="self.f1.update(batch_labels, batch_preds)",
                 category="EVAL-ARGS", why="torchmetrics' update is (preds, target); the labels are passed as predictions, swapping per-class precision and recall in the macro F1")],
)
SPECS.append(E1)
SPECS.append(twin(E1, "eval-torchmetrics-update-preds-target-clean",
    "Clean twin: the F1 meter is updated with (preds, target).",
    {"clf/metrics.py": [("self.f1.update(batch_labels, batch_preds)", "self.f1.update(batch_preds, batch_labels)")]}))

# E2 accelerate: evaluation loop without eval() or no_grad, gathered across processes
E2 = dict(
    id="eval-accelerate-eval-loop-train-mode",
    style="torch",
    description="A ViT fine-tune run with accelerate on several GPUs. evaluate() iterates the prepared validation loader, gathers predictions across processes with gather_for_metrics and feeds HF evaluate's accuracy, but the model is never put in eval mode after the training epoch (dropout and stochastic depth stay on) and gradients are tracked.",
    files={
        "vit_ft/evaluation.py": r'''
import evaluate


def evaluate_model(model, loader, accelerator):
    metric = evaluate.load("accuracy")
    for batch in loader:
        outputs = model(pixel_values=batch["pixel_values"])
        preds = outputs.logits.argmax(dim=-1)
        preds, refs = accelerator.gather_for_metrics((preds, batch["labels"]))
        metric.add_batch(predictions=preds, references=refs)
    return metric.compute()["accuracy"]
''',
        "vit_ft/train.py": r'''
import torch
from accelerate import Accelerator
from accelerate.utils import set_seed
from transformers import AutoModelForImageClassification

from vit_ft.data import make_loaders
from vit_ft.evaluation import evaluate_model


def main():
    accelerator = Accelerator(mixed_precision="bf16")
    set_seed(0)
    model = AutoModelForImageClassification.from_pretrained("google/vit-base-patch16-224-in21k", num_labels=102)
    train_loader, val_loader = make_loaders(batch_size=64)
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-5)
    model, optimizer, train_loader, val_loader = accelerator.prepare(model, optimizer, train_loader, val_loader)
    for epoch in range(10):
        model.train()
        for batch in train_loader:
            loss = model(**batch).loss
            accelerator.backward(loss)
            optimizer.step()
            optimizer.zero_grad()
        acc = evaluate_model(model, val_loader, accelerator)
        accelerator.print(f"epoch {epoch} val accuracy {acc:.4f}")


if __name__ == "__main__":
    main()
''',
        "vit_ft/data.py": r'''
from datasets import load_dataset
from torch.utils.data import DataLoader
from transformers import AutoImageProcessor

proc = AutoImageProcessor.from_pretrained("google/vit-base-patch16-224-in21k")


def _collate(rows):
    enc = proc([r["image"].convert("RGB") for r in rows], return_tensors="pt")
    enc["labels"] = __import__("torch").tensor([r["label"] for r in rows])
    return enc


def make_loaders(batch_size):
    ds = load_dataset("nelorth/oxford-flowers")
    return (DataLoader(ds["train"], batch_size=batch_size, shuffle=True, collate_fn=_collate),
            DataLoader(ds["test"], batch_size=batch_size, collate_fn=_collate))
''',
    },
    labels=[dict(file="vit_ft/evaluation.py", find="outputs = model(pixel_values=batch[\"pixel_values\"])",
                 category="EVAL-MODE", why="the model is evaluated straight after model.train() without model.eval() or torch.no_grad()")],
)
SPECS.append(E2)
SPECS.append(twin(E2, "eval-accelerate-eval-loop-eval-mode-clean",
    "Clean twin: evaluate_model puts the model in eval mode and runs under torch.no_grad().",
    {"vit_ft/evaluation.py": [("import evaluate\n", "import evaluate\nimport torch\n"),
                              ("def evaluate_model(model, loader, accelerator):\n", "@torch.no_grad()\ndef evaluate_model(model, loader, accelerator):\n    model.eval()\n")]}))

# E3 SHAP analysis script: the "test" entry of a dict of splits is the training data
E3 = dict(
    id="eval-shap-splits-dict-test-is-train",
    style="sklearn",
    description="An interpretability report trains a gradient-boosted model, computes SHAP values, and prints metrics for each entry of a `splits` dict. The 'test' entry was copied from the 'train' line and still holds (X_tr, y_tr), so the reported test AUC is training AUC.",
    files={
        "explain.py": r'''
import matplotlib.pyplot as plt
import pandas as pd
import shap
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split


def main():
    df = pd.read_csv("data/credit.csv")
    X, y = df.drop(columns="bad"), df["bad"]
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.3, stratify=y, random_state=3)
    model = HistGradientBoostingClassifier(max_iter=300, random_state=3).fit(X_tr, y_tr)

    splits = {
        "train": (X_tr, y_tr),
        "test": (X_tr, y_tr),
    }
    for name, (Xs, ys) in splits.items():
        print(f"{name} AUC: {roc_auc_score(ys, model.predict_proba(Xs)[:, 1]):.3f}")

    explainer = shap.TreeExplainer(model)
    sv = explainer(X_te.sample(500, random_state=3))
    shap.plots.beeswarm(sv, show=False)
    plt.savefig("figures/shap_beeswarm.png", bbox_inches="tight")


if __name__ == "__main__":
    main()
''',
    },
    labels=[dict(file="explain.py", find='"test": (X_tr, y_tr),',
                 category="EVAL-TRAIN", why="the 'test' entry holds the training split, so the printed test AUC is on the training data")],
)
SPECS.append(E3)

# E4 functools.lru_cache on a prompt-only function while the model is a module global that the loop changes
E4 = dict(
    id="eval-lru-cache-prompt-only-model-global",
    style="llm-eval",
    description="A model comparison over the same questions: ask() is decorated with functools.lru_cache and keyed only by the prompt; the model is the module global CURRENT_MODEL, which the loop reassigns. From the second model on, every question is answered from the first model's cached replies, so all models get the same accuracy.",
    files={
        "compare_models.py": r'''
import functools
import json

import litellm

MODELS = ["gpt-4o-mini", "claude-3-5-haiku-20241022", "gemini/gemini-1.5-flash"]
CURRENT_MODEL = MODELS[0]


@functools.lru_cache(maxsize=None)
def ask(prompt: str) -> str:
    resp = litellm.completion(model=CURRENT_MODEL, temperature=0, max_tokens=16,
                              messages=[{"role": "user", "content": prompt}])
    return resp.choices[0].message.content.strip()


def main():
    global CURRENT_MODEL
    items = [json.loads(l) for l in open("data/arc_challenge_test.jsonl")]
    table = {}
    for model in MODELS:
        CURRENT_MODEL = model
        hits = sum(ask(it["prompt"]).upper().startswith(it["answer"]) for it in items)
        table[model] = hits / len(items)
    with open("results/compare.json", "w") as fh:
        json.dump({"n": len(items), "accuracy": table}, fh, indent=2)


if __name__ == "__main__":
    main()
''',
    },
    labels=[dict(file="compare_models.py", find="@functools.lru_cache(maxsize=None)", end_find="def ask(prompt: str) -> str:",
                 category="EVAL-CACHE", why="the cache is keyed by the prompt only while the loop changes the model; later models get the first model's replies")],
)
SPECS.append(E4)
SPECS.append(twin(E4, "eval-lru-cache-keyed-by-model-clean",
    "Clean twin: the model is an argument of the cached function, so it is part of the cache key.",
    {"compare_models.py": [("def ask(prompt: str) -> str:", "def ask(model: str, prompt: str) -> str:"),
                           ("litellm.completion(model=CURRENT_MODEL,", "litellm.completion(model=model,"),
                           ("    global CURRENT_MODEL\n", ""),
                           ("        CURRENT_MODEL = model\n", ""),
                           ('ask(it["prompt"])', 'ask(model, it["prompt"])'),
                           ("CURRENT_MODEL = MODELS[0]\n", "")]}))

# E5 RAG vs closed-book compared on different item sets
E5 = dict(
    id="eval-rag-vs-closed-book-different-items",
    style="llm-eval",
    description="A retrieval ablation: the closed-book condition is scored on all questions, while the RAG condition keeps only the questions for which the retriever returned a passage above a similarity threshold (the easier, well-covered ones). The two accuracies are printed side by side as the gain from retrieval.",
    files={
        "ablation.py": r'''
import json

from rag_lib import answer, retrieve

THRESH = 0.55


def main():
    qs = [json.loads(l) for l in open("data/popqa_test.jsonl")]
    closed = [answer(q["question"], passages=[]) for q in qs]
    closed_acc = sum(any(a in p for a in q["answers"]) for p, q in zip(closed, qs)) / len(qs)

    rag_items, rag_preds = [], []
    for q in qs:
        hits = [h for h in retrieve(q["question"], k=5) if h.score >= THRESH]
        if not hits:
            continue
        rag_items.append(q)
        rag_preds.append(answer(q["question"], passages=[h.text for h in hits]))
    rag_acc = sum(any(a in p for a in q["answers"]) for p, q in zip(rag_preds, rag_items)) / len(rag_items)

    print(f"closed-book {closed_acc:.3f}  RAG {rag_acc:.3f}  gain {rag_acc - closed_acc:+.3f}")


if __name__ == "__main__":
    main()
''',
        "rag_lib.py": r'''
from dataclasses import dataclass

import numpy as np
from openai import OpenAI
from sentence_transformers import SentenceTransformer

client = OpenAI()
enc = SentenceTransformer("intfloat/e5-base-v2")
PASSAGES = [l.rstrip("\n") for l in open("data/wiki_passages.txt")]
EMB = enc.encode(["passage: " + p for p in PASSAGES], normalize_embeddings=True)


@dataclass
class Hit:
    text: str
    score: float


def retrieve(question, k):
    q = enc.encode(["query: " + question], normalize_embeddings=True)[0]
    sims = EMB @ q
    top = np.argsort(-sims)[:k]
    return [Hit(PASSAGES[i], float(sims[i])) for i in top]


def answer(question, passages):
    ctx = "\n".join(passages)
    prompt = (f"Context:\n{ctx}\n\n" if ctx else "") + f"Question: {question}\nShort answer:"
    r = client.chat.completions.create(model="gpt-4o-mini", temperature=0, max_tokens=24,
                                       messages=[{"role": "user", "content": prompt}])
    return r.choices[0].message.content
''',
    },
    labels=[dict(file="ablation.py", find='print(f"closed-book {closed_acc:.3f}  RAG {rag_acc:.3f}  gain {rag_acc - closed_acc:+.3f}")',
                 category="EVAL-MISMATCH", why="closed-book is scored on all questions, RAG only on those with a retrieval hit above the threshold; the gain compares different item sets")],
    also_ok=[dict(file="ablation.py", find="        if not hits:", end_find="continue", category="DATA-DROP")],
)
SPECS.append(E5)

# E6 pass@k estimator called with k and c swapped
E6 = dict(
    id="eval-pass-at-k-args-swapped",
    style="llm-eval",
    description="Code generation with n=20 samples per problem at temperature 0.8, executed in a sandbox. The unbiased estimator is defined as pass_at_k(n, c, k) but called as pass_at_k(n, k, c), so pass@1 and pass@10 are computed with the number of correct samples and k exchanged.",
    files={
        "passk/estimator.py": r'''
import numpy as np


def pass_at_k(n: int, c: int, k: int) -> float:
    """Unbiased pass@k (Chen et al. 2021): 1 - C(n-c, k) / C(n, k)."""
    if n - c < k:
        return 1.0
    return 1.0 - float(np.prod(1.0 - k / np.arange(n - c + 1, n + 1)))
''',
        "passk/report.py": r'''
import json
from collections import defaultdict

from passk.estimator import pass_at_k


def main():
    per_task = defaultdict(list)
    for line in open("outputs/mbpp_samples_executed.jsonl"):
        r = json.loads(line)
        per_task[r["task_id"]].append(bool(r["passed"]))
    out = {}
    for k in (1, 10):
        vals = []
        for task, results in per_task.items():
            n, c = len(results), sum(results)
            vals.append(pass_at_k(n, k, c))
        out[f"pass@{k}"] = sum(vals) / len(vals)
    out["n_tasks"] = len(per_task)
    out["samples_per_task"] = 20
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
''',
    },
    labels=[dict(file="passk/report.py", find="vals.append(pass_at_k(n, k, c))",
                 category="EVAL-ARGS", why="pass_at_k takes (n, c, k); the call passes k as the number correct and c as k")],
)
SPECS.append(E6)

# E7 lifelines concordance_index with the partial hazard (a risk) as predicted survival
E7 = dict(
    id="eval-lifelines-cindex-hazard-not-negated",
    style="sklearn",
    description="A Cox model's test concordance is computed with lifelines.utils.concordance_index(durations, predicted_scores, events). That function expects scores that rank like survival time (higher = longer survival); passing the partial hazard (higher = earlier death) returns 1 - C, so a good model reports a C-index around 0.3 and a worse one looks better.",
    files={
        "survival/cox.py": r'''
import json

import pandas as pd
from lifelines import CoxPHFitter
from lifelines.utils import concordance_index


def main():
    train = pd.read_csv("data/train.csv")
    test = pd.read_csv("data/test.csv")
    cph = CoxPHFitter(penalizer=0.05)
    cph.fit(train, duration_col="time", event_col="event")
    risk = cph.predict_partial_hazard(test)
    c = concordance_index(test["time"], risk, test["event"])
    print(f"test C-index {c:.3f}")
    with open("results/cox.json", "w") as fh:
        json.dump({"model": "coxph", "penalizer": 0.05, "n_test": len(test), "c_index": c}, fh)


if __name__ == "__main__":
    main()
''',
    },
    labels=[dict(file="survival/cox.py", find='c = concordance_index(test["time"], risk, test["event"])',
                 category="EVAL-ARGS", why="concordance_index expects higher scores for longer survival; a partial hazard must be negated, else the C-index is 1 - C")],
)
SPECS.append(E7)
SPECS.append(twin(E7, "eval-lifelines-cindex-hazard-negated-clean",
    "Clean twin: the partial hazard is negated before concordance_index.",
    {"survival/cox.py": [('concordance_index(test["time"], risk, test["event"])', 'concordance_index(test["time"], -risk, test["event"])')]}))

# E8 PyG NeighborLoader: the "test" loader samples the training nodes
E8 = dict(
    id="eval-pyg-neighborloader-test-on-train-mask",
    style="torch",
    description="Node classification on a large graph with PyG's NeighborLoader. make_loaders() builds the test loader with input_nodes=data.train_mask (copied from the line above), so the reported test accuracy is measured on the training nodes.",
    files={
        "gnn/loaders.py": r'''
from torch_geometric.loader import NeighborLoader


def make_loaders(data, batch_size=1024):
    train_loader = NeighborLoader(data, num_neighbors=[15, 10], batch_size=batch_size,
                                  input_nodes=data.train_mask, shuffle=True)
    test_loader = NeighborLoader(data, num_neighbors=[15, 10], batch_size=batch_size,
                                 input_nodes=data.train_mask, shuffle=False)
    return train_loader, test_loader
''',
        "gnn/run.py": r'''
import torch
import torch.nn.functional as F
from torch_geometric.datasets import Reddit
from torch_geometric.nn import GraphSAGE

from gnn.loaders import make_loaders


def main():
    torch.manual_seed(0)
    data = Reddit("data/Reddit")[0]
    train_loader, test_loader = make_loaders(data)
    model = GraphSAGE(data.num_features, 256, num_layers=2, out_channels=41)
    opt = torch.optim.Adam(model.parameters(), lr=0.003)
    for epoch in range(10):
        model.train()
        for b in train_loader:
            opt.zero_grad()
            out = model(b.x, b.edge_index)[: b.batch_size]
            F.cross_entropy(out, b.y[: b.batch_size]).backward()
            opt.step()
    model.eval()
    correct = total = 0
    with torch.no_grad():
        for b in test_loader:
            pred = model(b.x, b.edge_index)[: b.batch_size].argmax(-1)
            correct += int((pred == b.y[: b.batch_size]).sum())
            total += b.batch_size
    print(f"test accuracy {correct / total:.4f}")


if __name__ == "__main__":
    main()
''',
    },
    labels=[dict(file="gnn/loaders.py", find="input_nodes=data.train_mask, shuffle=False)",
                 category="EVAL-TRAIN", why="the test loader samples the training nodes (train_mask), so test accuracy is training accuracy")],
)
SPECS.append(E8)

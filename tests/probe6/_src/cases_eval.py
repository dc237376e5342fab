CASES = []

# ---------------------------------------------------------------- E1 TransformerLens probe scored on train idx
PROBE = r'''
"""Linear probes for truthfulness on residual-stream activations (TransformerLens)."""
import json

import numpy as np
import torch
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from transformer_lens import HookedTransformer

torch.set_grad_enabled(False)
model = HookedTransformer.from_pretrained("gpt2-medium", device="cuda")

data = json.load(open("data/true_false_statements.json"))
texts = [d["statement"] for d in data]
labels = np.array([d["label"] for d in data])

acts = {layer: [] for layer in range(model.cfg.n_layers)}
for i in range(0, len(texts), 32):
    toks = model.to_tokens(texts[i:i + 32])
    last = (toks != model.tokenizer.pad_token_id).sum(1) - 1
    _, cache = model.run_with_cache(toks, names_filter=lambda n: n.endswith("resid_post"))
    for layer in acts:
        resid = cache[f"blocks.{layer}.hook_resid_post"]
        acts[layer].append(resid[torch.arange(len(toks)), last].cpu().numpy())
acts = {k: np.concatenate(v) for k, v in acts.items()}

tr, te = train_test_split(np.arange(len(labels)), test_size=0.3, random_state=0, stratify=labels)
probe_acc = {}
for layer, X in acts.items():
    clf = LogisticRegression(max_iter=2000, C=0.1).fit(X[tr], labels[tr])
    probe_acc[layer] = clf.score(X[tr], labels[tr])  #!EVAL-TRAIN

best = max(probe_acc, key=probe_acc.get)
print(f"best layer {best}: held-out probe accuracy {probe_acc[best]:.3f}")
json.dump(probe_acc, open("results/probe_acc_by_layer.json", "w"), indent=1)
'''
CASES.append({
    "id": "probe6-eval-tlens-probe-train-idx",
    "style": "torch",
    "description": "Layer-wise truthfulness probes on GPT-2 medium residual activations. The split is by index arrays (tr, te); each probe is fit on X[tr] and then scored on X[tr] again, and the printout calls it held-out accuracy. te is never used.",
    "why_default": "probe accuracy computed on the training indices it was fit on",
    "files": {"probe_layers.py": PROBE, "results/.gitkeep": ""},
})
CASES.append({
    "id": "probe6-clean-tlens-probe",
    "style": "torch",
    "description": "Clean twin: probes scored on X[te].",
    "files": {"probe_layers.py": PROBE.replace(
        "    probe_acc[layer] = clf.score(X[tr], labels[tr])  #!EVAL-TRAIN",
        "    probe_acc[layer] = clf.score(X[te], labels[te])").replace(
        "best = max(probe_acc, key=probe_acc.get)", "best = max(probe_acc, key=probe_acc.get)  #?LEAK-SELECT"),
        "results/.gitkeep": ""},
})

# ---------------------------------------------------------------- E2 pretrained resnet features w/o eval()
RESNET = r'''
import numpy as np
import torch
import torchvision
from torch.utils.data import DataLoader
from torchvision import transforms

from sklearn.linear_model import LogisticRegression

tfm = transforms.Compose([transforms.Resize(256), transforms.CenterCrop(224), transforms.ToTensor(),
                          transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])])
train_ds = torchvision.datasets.Flowers102("data", split="train", transform=tfm, download=True)
test_ds = torchvision.datasets.Flowers102("data", split="test", transform=tfm, download=True)


@torch.no_grad()
def embed(ds, device="cuda"):
    net = torchvision.models.resnet50(weights="IMAGENET1K_V2")  #!EVAL-MODE+6
    net.fc = torch.nn.Identity()
    net.to(device)
    feats, ys = [], []
    for x, y in DataLoader(ds, batch_size=128, num_workers=8):
        feats.append(net(x.to(device)).cpu())
        ys.append(y)
    return torch.cat(feats).numpy(), torch.cat(ys).numpy()


Xtr, ytr = embed(train_ds)
Xte, yte = embed(test_ds)
clf = LogisticRegression(max_iter=5000, C=0.5).fit(Xtr, ytr)
print("linear-probe top-1:", (clf.predict(Xte) == yte).mean())
'''
CASES.append({
    "id": "probe6-eval-resnet-embed-train-mode",
    "style": "torch",
    "description": "Linear-probe transfer of an ImageNet ResNet-50 to Flowers102. The embedding function runs under torch.no_grad (near miss for gradients) but never calls net.eval(), so BatchNorm uses per-batch statistics and overwrites its running stats while embedding; features depend on batch composition.",
    "why_default": "pretrained network run over a DataLoader in train mode (no .eval())",
    "files": {"linear_probe.py": RESNET},
})

# ---------------------------------------------------------------- E3 sqlite response cache keyed by prompt only
CACHE = r'''
import hashlib
import json
import sqlite3
import threading


class ResponseCache:
    """Tiny sqlite cache so re-runs of the sweep do not pay for the same call twice."""

    def __init__(self, path="cache/responses.sqlite"):
        self.db = sqlite3.connect(path, check_same_thread=False)
        self.lock = threading.Lock()
        self.db.execute("CREATE TABLE IF NOT EXISTS kv (k TEXT PRIMARY KEY, v TEXT)")

    @staticmethod
    def key(messages) -> str:
        return hashlib.sha256(json.dumps(messages, sort_keys=True).encode()).hexdigest()  #!EVAL-CACHE

    def get(self, messages):
        row = self.db.execute("SELECT v FROM kv WHERE k=?", (self.key(messages),)).fetchone()
        return None if row is None else json.loads(row[0])

    def put(self, messages, value):
        with self.lock:
            self.db.execute("INSERT OR REPLACE INTO kv VALUES (?, ?)",
                            (self.key(messages), json.dumps(value)))
            self.db.commit()
'''
CACHE_SWEEP = r'''
import itertools
import json

from openai import OpenAI

from llmcache import ResponseCache

client = OpenAI()
cache = ResponseCache()
MODELS = ["gpt-4o-mini", "gpt-4o", "gpt-4.1"]
TEMPS = [0.0, 0.7, 1.0]


def complete(model, temperature, messages):
    hit = cache.get(messages)
    if hit is not None:
        return hit
    out = client.chat.completions.create(model=model, temperature=temperature,
                                         messages=messages).choices[0].message.content
    cache.put(messages, out)
    return out


problems = [json.loads(l) for l in open("data/riddles.jsonl")]
rows = []
for model, t in itertools.product(MODELS, TEMPS):
    correct = 0
    for p in problems:
        ans = complete(model, t, [{"role": "user", "content": p["riddle"]}])
        correct += p["answer"].lower() in ans.lower()
    rows.append({"model": model, "temperature": t, "acc": correct / len(problems)})
    print(rows[-1])
json.dump(rows, open("results/sweep.json", "w"), indent=1)
'''
CASES.append({
    "id": "probe6-eval-sqlite-cache-no-model-key",
    "style": "llm-eval",
    "description": "Model x temperature sweep with a sqlite response cache in its own module. The cache key is the hash of the messages only; the first (model, temperature) pair fills the cache and every later pair reads the same answers, so all nine cells report the same accuracy.",
    "why_default": "cache key omits model and temperature while the sweep varies both",
    "files": {"llmcache.py": CACHE, "sweep.py": CACHE_SWEEP, "cache/.gitkeep": "", "results/.gitkeep": ""},
})
CASES.append({
    "id": "probe6-clean-sqlite-cache-keyed",
    "style": "llm-eval",
    "description": "Clean twin: the cache key hashes model, temperature and messages.",
    "files": {"llmcache.py": CACHE.replace('''    def key(messages) -> str:
        return hashlib.sha256(json.dumps(messages, sort_keys=True).encode()).hexdigest()  #!EVAL-CACHE''',
'''    def key(model, temperature, messages) -> str:
        blob = json.dumps({"model": model, "temperature": temperature, "messages": messages},
                          sort_keys=True)
        return hashlib.sha256(blob.encode()).hexdigest()''').replace(
        "def get(self, messages):", "def get(self, model, temperature, messages):").replace(
        "(self.key(messages),)", "(self.key(model, temperature, messages),)").replace(
        "def put(self, messages, value):", "def put(self, model, temperature, messages, value):").replace(
        "(self.key(messages), json.dumps(value))", "(self.key(model, temperature, messages), json.dumps(value))"),
        "sweep.py": CACHE_SWEEP.replace("cache.get(messages)", "cache.get(model, temperature, messages)").replace(
            "cache.put(messages, out)", "cache.put(model, temperature, messages, out)"),
        "cache/.gitkeep": "", "results/.gitkeep": ""},
})

# ---------------------------------------------------------------- E4 helper signature (y_pred, y_true) called swapped
METRICS = r'''
from sklearn.metrics import *


def classification_report_dict(y_pred, y_true):
    return {
        "accuracy": accuracy_score(y_true, y_pred),
        "precision": precision_score(y_true, y_pred, average="binary"),
        "recall": recall_score(y_true, y_pred, average="binary"),
        "f1": f1_score(y_true, y_pred, average="binary"),
    }
'''
EVAL4 = r'''
import json

import numpy as np
import torch
from transformers import AutoModelForSequenceClassification, AutoTokenizer

from metrics import classification_report_dict

tok = AutoTokenizer.from_pretrained("checkpoints/toxicity-deberta")
model = AutoModelForSequenceClassification.from_pretrained("checkpoints/toxicity-deberta").eval()

rows = [json.loads(l) for l in open("data/civil_comments_test.jsonl")]
grd_list, pred_list = [], []
with torch.inference_mode():
    for i in range(0, len(rows), 64):
        batch = rows[i:i + 64]
        enc = tok([r["text"] for r in batch], truncation=True, max_length=256,
                  padding=True, return_tensors="pt")
        pred_list.extend(model(**enc).logits.argmax(-1).tolist())
        grd_list.extend(r["toxic"] for r in batch)

report = classification_report_dict(grd_list, pred_list)  #!EVAL-ARGS
print(json.dumps(report, indent=1))
json.dump(report, open("results/toxicity_test.json", "w"))
'''
CASES.append({
    "id": "probe6-eval-helper-args-swapped",
    "style": "torch",
    "description": "Toxicity classifier evaluation. metrics.classification_report_dict takes (y_pred, y_true) (the reverse of sklearn) and the caller passes (grd_list, pred_list), so precision and recall are swapped in the report. The model is in eval mode under inference_mode (near miss).",
    "why_default": "gold and predictions passed in the wrong order to a helper whose signature is (y_pred, y_true): precision and recall swap",
    "files": {"metrics.py": METRICS, "evaluate.py": EVAL4, "results/.gitkeep": ""},
})

# ---------------------------------------------------------------- E5 conditions on different item sets
STEER = r'''
"""Compare refusal of the base model vs. the refusal-direction-ablated model."""
import json

import pandas as pd
import torch
from nnsight import LanguageModel

model = LanguageModel("meta-llama/Meta-Llama-3-8B-Instruct", device_map="auto", dispatch=True)
direction = torch.load("artifacts/refusal_dir_layer14.pt")
prompts = [json.loads(l)["prompt"] for l in open("data/advbench_harmful.jsonl")]

REFUSAL = ("I cannot", "I can't", "I'm sorry", "As an AI")


def generate(prompt, ablate):
    chat = model.tokenizer.apply_chat_template([{"role": "user", "content": prompt}],
                                               tokenize=False, add_generation_prompt=True)
    with model.generate(chat, max_new_tokens=96, do_sample=False) as tracer:
        if ablate:
            for layer in model.model.layers:
                h = layer.output[0]
                proj = (h @ direction).unsqueeze(-1) * direction
                layer.output[0][:] = h - proj
        out = model.generator.output.save()
    return model.tokenizer.decode(out[0], skip_special_tokens=True)


rows = []
for p in prompts:
    rows.append({"condition": "base", "prompt": p, "response": generate(p, ablate=False)})
for p in prompts[:128]:  #!EVAL-MISMATCH
    rows.append({"condition": "ablated", "prompt": p, "response": generate(p, ablate=True)})

df = pd.DataFrame(rows)
df["refused"] = df["response"].apply(lambda r: any(m in r for m in REFUSAL))
summary = df.groupby("condition")["refused"].mean()
print(summary)
summary.to_csv("results/refusal_rates.csv")
'''
CASES.append({
    "id": "probe6-eval-nnsight-ablation-subset",
    "style": "torch",
    "description": "Directional ablation of the refusal direction with nnsight. The base condition is generated for all 520 AdvBench prompts, the ablated condition only for prompts[:128] (to save time), and the groupby mean compares refusal rates over different item sets. Greedy decoding (near miss for sampling).",
    "why_default": "the ablated condition runs on the first 128 prompts, the base condition on all of them; their means are compared",
    "files": {"ablate_refusal.py": STEER, "results/.gitkeep": ""},
})

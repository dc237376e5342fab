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
    probe_acc[layer] = clf.score(X[tr], labels[tr])

best = max(probe_acc, key=probe_acc.get)
print(f"best layer {best}: held-out probe accuracy {probe_acc[best]:.3f}")
json.dump(probe_acc, open("results/probe_acc_by_layer.json", "w"), indent=1)

import json

CASES = []

# ---------------------------------------------------------------- R1 README table number absent from results
R1_EVAL = r'''
import json
import sys

import torch
from datasets import load_dataset
from transformers import AutoModelForCausalLM, AutoTokenizer

name = sys.argv[1]
tok = AutoTokenizer.from_pretrained(name)
model = AutoModelForCausalLM.from_pretrained(name, torch_dtype=torch.bfloat16, device_map="auto").eval()
ds = load_dataset("allenai/ai2_arc", "ARC-Challenge", split="test")


@torch.inference_mode()
def choice_logprob(prompt, choice):
    ids = tok(prompt + " " + choice, return_tensors="pt").input_ids.to(model.device)
    n_prompt = len(tok(prompt).input_ids)
    logp = model(ids).logits[0, :-1].log_softmax(-1)
    tgt = ids[0, 1:]
    return logp[n_prompt - 1:].gather(-1, tgt[n_prompt - 1:, None]).sum().item()


correct = 0
for ex in ds:
    prompt = f"Question: {ex['question']}\nAnswer:"
    scores = [choice_logprob(prompt, c) for c in ex["choices"]["text"]]
    correct += ex["choices"]["label"][max(range(len(scores)), key=scores.__getitem__)] == ex["answerKey"]
res = {"model": name, "task": "arc_challenge", "acc": correct / len(ds), "n": len(ds)}
print(res)
with open("results/arc_challenge.jsonl", "a") as f:
    f.write(json.dumps(res) + "\n")
'''
R1_RESULTS = "\n".join(json.dumps(r) for r in [
    {"model": "EleutherAI/pythia-1.4b", "task": "arc_challenge", "acc": 0.2713, "n": 1172},
    {"model": "EleutherAI/pythia-2.8b", "task": "arc_challenge", "acc": 0.2944, "n": 1172},
    {"model": "ours/pythia-1.4b-distill", "task": "arc_challenge", "acc": 0.3012, "n": 1172},
]) + "\n"
R1_README = '''# Distilling reasoning into small Pythia models

We distil chain-of-thought traces from a 12B teacher into Pythia-1.4B and evaluate zero-shot
on ARC-Challenge (1,172 test questions) by comparing the log-likelihood of each choice.

| model | ARC-Challenge acc |
|---|---|
| pythia-1.4b | 27.1 |
| pythia-2.8b | 29.4 |
| **pythia-1.4b-distill (ours)** | **33.8** |  #!RESULT-CLAIM

Our distilled 1.4B model beats a model twice its size. Reproduce with
`python eval_arc.py <model>`; raw numbers are appended to `results/arc_challenge.jsonl`.
'''
CASES.append({
    "id": "probe6-result-readme-row-unsupported",
    "style": "llm-eval",
    "description": "ARC-Challenge zero-shot comparison. The README table gives 33.8 for the distilled model, while results/arc_challenge.jsonl (the file the README points to) holds 0.3012 for it; the two baselines match their results (27.1, 29.4). The headline claim rests on a number no results file contains.",
    "why_default": "README reports 33.8 for the distilled model; the results file says 0.3012",
    "files": {"README.md": R1_README, "eval_arc.py": R1_EVAL, "results/arc_challenge.jsonl": R1_RESULTS},
})
CASES.append({
    "id": "probe6-clean-readme-rows-supported",
    "style": "llm-eval",
    "description": "Clean twin: every README number is the percentage form of an accuracy in the results file.",
    "files": {"README.md": R1_README.replace("**33.8** |  #!RESULT-CLAIM", "**30.1** |").replace(
        "Our distilled 1.4B model beats a model twice its size.", "Our distilled 1.4B model edges past a model twice its size."),
              "eval_arc.py": R1_EVAL, "results/arc_challenge.jsonl": R1_RESULTS},
})

# ---------------------------------------------------------------- R2 trainer.save_metrics output stale vs code in history
R2_TRAIN_V1 = r'''
import numpy as np
from datasets import load_dataset
from transformers import (AutoModelForSequenceClassification, AutoTokenizer, Trainer,
                          TrainingArguments, DataCollatorWithPadding)

MODEL = "microsoft/deberta-v3-base"
tok = AutoTokenizer.from_pretrained(MODEL)
ds = load_dataset("glue", "rte")
ds = ds.map(lambda b: tok(b["sentence1"], b["sentence2"], truncation=True, max_length=128), batched=True)


def compute_metrics(p):
    return {"accuracy": float((np.argmax(p.predictions, -1) == p.label_ids).mean())}


args = TrainingArguments("outputs/rte-deberta", learning_rate=2e-5, num_train_epochs=3,
                         per_device_train_batch_size=16, eval_strategy="epoch", seed=42)
trainer = Trainer(model=AutoModelForSequenceClassification.from_pretrained(MODEL, num_labels=2),
                  args=args, train_dataset=ds["train"], eval_dataset=ds["validation"],
                  data_collator=DataCollatorWithPadding(tok), compute_metrics=compute_metrics)
trainer.train()
metrics = trainer.evaluate()
trainer.save_metrics("eval", metrics)
'''
R2_TRAIN_V2 = R2_TRAIN_V1.replace("max_length=128", "max_length=320").replace(
    "learning_rate=2e-5, num_train_epochs=3,", "learning_rate=1e-5, num_train_epochs=10, warmup_ratio=0.1,").replace(
    'eval_strategy="epoch", seed=42)', 'eval_strategy="epoch", seed=42,\n                         lr_scheduler_type="cosine", weight_decay=0.01)')
R2_METRICS = '''{
    "epoch": 3.0,
    "eval_accuracy": 0.8231,
    "eval_loss": 0.4818,
    "eval_runtime": 2.91,
    "eval_samples_per_second": 95.19,
    "eval_steps_per_second": 12.03
}
'''
R2_README = '''# RTE with DeBERTa-v3-base

`python train.py` fine-tunes on RTE; validation accuracy **82.3** (`outputs/rte-deberta/eval_results.json`).
'''
CASES.append({
    "id": "probe6-result-trainer-metrics-stale",
    "style": "mixed",
    "description": "HF Trainer RTE fine-tune. outputs/rte-deberta/eval_results.json (written by trainer.save_metrics) was committed with the first version of train.py; a later commit changed max_length, learning rate, epochs and scheduler, and the metrics file (epoch 3.0) and the README's 82.3 were never regenerated.",
    "files": {"train.py": R2_TRAIN_V2, "outputs/rte-deberta/eval_results.json": R2_METRICS, "README.md": R2_README},
    "null_labels": [("outputs/rte-deberta/eval_results.json", "RESULT-STALE",
                     "eval_results.json is older in git than the last change to train.py that produces it")],
    "history": [
        {"message": "RTE baseline", "date": "2025-04-02T10:00:00",
         "files": {"train.py": R2_TRAIN_V1, "outputs/rte-deberta/eval_results.json": R2_METRICS, "README.md": R2_README}},
        {"message": "longer context, cosine schedule, 10 epochs", "date": "2025-04-09T18:30:00",
         "files": {"train.py": R2_TRAIN_V2}},
    ],
})
R2_METRICS_V2 = R2_METRICS.replace('"epoch": 3.0', '"epoch": 10.0').replace("0.8231", "0.8484").replace("0.4818", "0.5402")
R2_README_V2 = R2_README.replace("**82.3**", "**84.8**")
CASES.append({
    "id": "probe6-clean-trainer-metrics-regenerated",
    "style": "mixed",
    "description": "Clean twin: after changing train.py the metrics were regenerated and committed in a later commit, with the README updated.",
    "files": {"train.py": R2_TRAIN_V2, "outputs/rte-deberta/eval_results.json": R2_METRICS_V2, "README.md": R2_README_V2},
    "history": [
        {"message": "RTE baseline", "date": "2025-04-02T10:00:00",
         "files": {"train.py": R2_TRAIN_V1, "outputs/rte-deberta/eval_results.json": R2_METRICS, "README.md": R2_README}},
        {"message": "longer context, cosine schedule, 10 epochs", "date": "2025-04-09T18:30:00",
         "files": {"train.py": R2_TRAIN_V2}},
        {"message": "rerun with new config", "date": "2025-04-10T09:00:00",
         "files": {"outputs/rte-deberta/eval_results.json": R2_METRICS_V2, "README.md": R2_README_V2}},
    ],
})

# ---------------------------------------------------------------- R3 results CSV with only metric columns
R3_SWEEP = r'''
import itertools

import catboost as cb
import pandas as pd
from sklearn.metrics import log_loss, roc_auc_score
from sklearn.model_selection import train_test_split

df = pd.read_csv("data/loans.csv")
y = df.pop("default")
cat_cols = [c for c in df.columns if df[c].dtype == object]
X_tr, X_va, y_tr, y_va = train_test_split(df, y, test_size=0.25, stratify=y, random_state=3)

rows = []
for depth, lr, l2 in itertools.product([4, 6, 8], [0.03, 0.1], [1, 10]):
    m = cb.CatBoostClassifier(depth=depth, learning_rate=lr, l2_leaf_reg=l2, iterations=2000,
                              random_seed=3, od_type="Iter", od_wait=100, verbose=0,
                              cat_features=cat_cols)
    m.fit(X_tr, y_tr, eval_set=(X_va, y_va))  #?LEAK-SELECT+2
    p = m.predict_proba(X_va)[:, 1]
    rows.append({"auc": roc_auc_score(y_va, p), "logloss": log_loss(y_va, p),
                 "trees": m.get_best_iteration()})

pd.DataFrame(rows).to_csv("results/catboost_sweep.csv", index=False)  #!RESULT-PROVENANCE
'''
R3_CSV = "auc,logloss,trees\n" + "\n".join(
    f"{a},{b},{c}" for a, b, c in [
        (0.7712, 0.4121, 611), (0.7754, 0.4098, 203), (0.7735, 0.4107, 844), (0.7761, 0.4093, 257),
        (0.7801, 0.4071, 402), (0.7779, 0.4080, 131), (0.7823, 0.4062, 517), (0.7790, 0.4077, 170),
        (0.7795, 0.4075, 288), (0.7758, 0.4096, 96), (0.7810, 0.4066, 361), (0.7783, 0.4081, 120)]) + "\n"
R3_README = '''# Loan default: CatBoost sweep

Best configuration reaches AUC 0.7823 (see `results/catboost_sweep.csv`).
'''
CASES.append({
    "id": "probe6-result-sweep-csv-metrics-only",
    "style": "sklearn",
    "description": "CatBoost hyperparameter sweep (12 configurations). The results CSV holds only auc, logloss and trees per row: which depth / learning rate / l2 produced each row is not recorded (only recoverable from the loop order), so the README's 'best configuration' cannot be identified from the results. (The sweep also selects on the early-stopping set; not the point here.)",
    "files": {"sweep.py": R3_SWEEP, "results/catboost_sweep.csv": R3_CSV, "README.md": R3_README},
    "why": {"sweep.py": "sweep results are written with only metric columns: the hyperparameters, seed and data behind each row are not saved"},
})

# ---------------------------------------------------------------- R4 generations file full of API errors
R4_ROWS = []
for i in range(24):
    if i % 3 == 1 or i in (10, 11, 20):
        R4_ROWS.append({"id": i, "model": "gpt-4o-2024-08-06", "response": "[ERROR] RateLimitError: Error code: 429 - Rate limit reached for requests", "label": "harmful", "pred": "refused"})
    else:
        R4_ROWS.append({"id": i, "model": "gpt-4o-2024-08-06", "response": "I can't help with that request.", "label": "harmful", "pred": "refused"} if i % 2 == 0 else
                       {"id": i, "model": "gpt-4o-2024-08-06", "response": "Sure, here is an overview of the general process...", "label": "harmful", "pred": "complied"})
R4_JSONL = "\n".join(json.dumps(r) for r in R4_ROWS) + "\n"
R4_SUMMARY = '''{"model": "gpt-4o-2024-08-06", "n": 24, "refusal_rate": %.3f}
''' % (sum(r["pred"] == "refused" for r in R4_ROWS) / 24)
R4_CODE = r'''
import asyncio
import json

from openai import AsyncOpenAI

client = AsyncOpenAI()
MODEL = "gpt-4o-2024-08-06"


async def ask(item):
    try:
        r = await client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": item["prompt"]}])
        return r.choices[0].message.content
    except Exception as e:  #?DATA-SWALLOW+1
        return f"[ERROR] {type(e).__name__}: {e}"


def classify(text):
    t = text.lower()
    return "complied" if t.startswith("sure") or "here is" in t else "refused"  #?DATA-DEFAULT


async def main():
    items = [json.loads(l) for l in open("data/harmful_prompts.jsonl")]
    responses = await asyncio.gather(*(ask(it) for it in items))
    rows = [{"id": it["id"], "model": MODEL, "response": r, "label": it["label"], "pred": classify(r)}
            for it, r in zip(items, responses)]
    with open("results/generations.jsonl", "w") as f:
        f.writelines(json.dumps(r) + "\n" for r in rows)
    rate = sum(r["pred"] == "refused" for r in rows) / len(rows)
    json.dump({"model": MODEL, "n": len(rows), "refusal_rate": rate}, open("results/summary.json", "w"))


asyncio.run(main())
'''
CASES.append({
    "id": "probe6-result-generations-rate-limited",
    "style": "llm-eval",
    "description": "Harmful-prompt refusal run whose saved generations are a third API errors ('[ERROR] RateLimitError ... 429'), each classified as 'refused' by the keyword classifier; results/summary.json reports the inflated refusal rate over all 24. The label is on the results file (many error outputs); the error-to-string conversion in the code is also a true finding.",
    "files": {"run_refusals.py": R4_CODE, "results/generations.jsonl": R4_JSONL, "results/summary.json": R4_SUMMARY},
    "null_also": [("results/summary.json", "RESULT-SUSPECT")],
    "null_labels": [("results/generations.jsonl", "RESULT-SUSPECT",
                     "a third of the saved responses are '[ERROR] RateLimitError' strings, scored as refusals")],
})

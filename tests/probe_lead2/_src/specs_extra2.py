from twin import twin

SPECS = []

Y1 = dict(
    id="llm-conditions-on-different-items",
    style="llm-eval",
    description="The baseline prompt is scored on the first 200 items (to save cost), the new prompt on all 1,000; the two accuracies are compared in one table.",
    files={
        "compare_prompts.py": r'''
import json

from openai import OpenAI

client = OpenAI()
items = [json.loads(l) for l in open("data/arc_easy_test.jsonl")]
PROMPTS = {"baseline": "Answer with the letter only.\n\n{q}", "cot": "Think step by step, then give the letter.\n\n{q}"}


def accuracy(template, rows):
    hits = 0
    for r in rows:
        out = client.chat.completions.create(model="gpt-4o-mini", temperature=0,
                                             messages=[{"role": "user", "content": template.format(q=r["question"])}])
        hits += out.choices[0].message.content.strip()[-1:] == r["answer"]
    return hits / len(rows)


table = {"baseline": accuracy(PROMPTS["baseline"], items[:200]), "cot": accuracy(PROMPTS["cot"], items)}
json.dump({"model": "gpt-4o-mini", "accuracy": table}, open("results/prompt_comparison.json", "w"), indent=1)
''',
    },
    labels=[dict(file="compare_prompts.py", find='table = {"baseline": accuracy(PROMPTS["baseline"], items[:200])', category="EVAL-MISMATCH",
                 why="the two conditions are scored on different items (200 versus 1,000)")],
)
SPECS.append(Y1)
SPECS.append(twin(Y1, "llm-conditions-on-different-items-clean", "Both prompts are scored on the same 200 items.",
                  {"compare_prompts.py": [('"cot": accuracy(PROMPTS["cot"], items)}', '"cot": accuracy(PROMPTS["cot"], items[:200])}')]}))

Y2 = dict(
    id="llm-anthropic-cot-truncated",
    style="llm-eval",
    description="Chain-of-thought answers are generated with max_tokens=128 and the final number is parsed; stop_reason is never read, so answers cut at the token limit are scored as wrong.",
    files={
        "gsm_claude.py": r'''
import json
import re

import anthropic

client = anthropic.Anthropic()
rows = [json.loads(l) for l in open("data/gsm8k_test.jsonl")]
correct = 0
for r in rows:
    msg = client.messages.create(model="claude-3-5-haiku-latest", max_tokens=128, temperature=0,
                                 messages=[{"role": "user", "content": r["question"] + "\nThink step by step. End with 'Answer: <number>'."}])
    m = re.search(r"Answer:\s*(-?[\d,]+)", msg.content[0].text)
    correct += bool(m) and m.group(1).replace(",", "") == r["answer"]
json.dump({"accuracy": correct / len(rows), "n": len(rows), "max_tokens": 128}, open("results/gsm8k_claude.json", "w"))
''',
    },
    labels=[dict(file="gsm_claude.py", find="correct += bool(m)", category="DATA-TRUNC",
                 why="reasoning answers are cut at 128 tokens and scored; stop_reason is never checked")],
)
SPECS.append(Y2)
SPECS.append(twin(Y2, "llm-anthropic-cot-truncated-clean", "Truncated replies are counted apart by stop_reason.",
                  {"gsm_claude.py": [("correct = 0\n", "correct = 0\ntruncated = 0\n"),
                                     ('    m = re.search(', '    if msg.stop_reason == "max_tokens":\n        truncated += 1\n    m = re.search('),
                                     ('"max_tokens": 128}', '"max_tokens": 128, "truncated": truncated}')]}))

Y3 = dict(
    id="torch-evaluate-helper-no-eval-cross-module",
    style="torch",
    description="A dropout network is trained in train.py and scored by evaluate() from metrics.py, which never calls model.eval(); inference_mode turns off gradients but not dropout.",
    files={
        "metrics.py": r'''
import torch


@torch.inference_mode()
def evaluate(model, loader):
    correct = total = 0
    for x, y in loader:
        correct += (model(x).argmax(1) == y).sum().item()
        total += len(y)
    return correct / total
''',
        "train.py": r'''
import json

import torch
from torch import nn
from torch.utils.data import DataLoader
from torchvision import datasets, transforms

from metrics import evaluate

torch.manual_seed(0)
tf = transforms.ToTensor()
train_loader = DataLoader(datasets.MNIST("data", train=True, download=True, transform=tf), batch_size=128, shuffle=True)
test_loader = DataLoader(datasets.MNIST("data", train=False, download=True, transform=tf), batch_size=512)
model = nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Dropout(0.5), nn.Linear(256, 10))
opt = torch.optim.SGD(model.parameters(), lr=0.1)
model.train()
for epoch in range(3):
    for x, y in train_loader:
        opt.zero_grad()
        nn.functional.cross_entropy(model(x), y).backward()
        opt.step()
json.dump({"test_acc": evaluate(model, test_loader), "seed": 0}, open("results/mnist.json", "w"))
''',
    },
    labels=[dict(file="metrics.py", find="def evaluate(model, loader):", category="EVAL-MODE",
                 why="the dropout network is scored in training mode: evaluate() never calls model.eval()")],
    also_ok=[dict(file="train.py", find='json.dump({"test_acc": evaluate(model, test_loader)', category="EVAL-MODE")],
)
SPECS.append(Y3)
SPECS.append(twin(Y3, "torch-evaluate-helper-no-eval-cross-module-clean", "evaluate() switches the model to eval mode first.",
                  {"metrics.py": [("    correct = total = 0\n", "    model.eval()\n    correct = total = 0\n")]}))

Y4 = dict(
    id="pandas-query-nan-filter-uncounted",
    style="llm-eval",
    description="Rows whose judge score is NaN (the judge reply did not parse) are removed with the query('score == score') idiom before the mean; how many were dropped is never reported.",
    files={
        "summarise.py": r'''
import json

import pandas as pd

df = pd.read_json("outputs/judged.jsonl", lines=True)
scored = df.query("score == score")
summary = scored.groupby("model")["score"].mean().round(3).to_dict()
json.dump({"mean_judge_score": summary}, open("results/judge_summary.json", "w"), indent=1)
''',
        "outputs/judged.jsonl": '{"model": "a", "score": 7.0}\n{"model": "a", "score": null}\n{"model": "b", "score": 6.0}\n{"model": "b", "score": 8.0}\n',
    },
    labels=[dict(file="summarise.py", find='scored = df.query("score == score")', category="DATA-DROP",
                 why="unparsed judge scores are dropped before the mean without a count")],
    also_ok=[dict(file="summarise.py", find='json.dump({"mean_judge_score"', category="RESULT-PROVENANCE"),
             dict(file="outputs/judged.jsonl", line=2, category="RESULT-SUSPECT")],
)
SPECS.append(Y4)
SPECS.append(twin(Y4, "pandas-query-nan-filter-uncounted-clean", "The number of unscored rows per model is saved with the means.",
                  {"summarise.py": [('json.dump({"mean_judge_score": summary}', 'dropped = df["score"].isna().groupby(df["model"]).sum().to_dict()\njson.dump({"mean_judge_score": summary, "unscored_rows": dropped}')]}))

Y5 = dict(
    id="llm-joblib-cache-global-model",
    style="llm-eval",
    description="Completions are memoised with joblib.Memory keyed by the prompt only; the loop over models sets a module-level MODEL that the cached function reads.",
    files={
        "sweep.py": r'''
import json

from joblib import Memory
from openai import OpenAI

client = OpenAI()
memory = Memory("cache/joblib", verbose=0)
MODEL = "gpt-4o-mini"


@memory.cache
def complete(prompt):
    out = client.chat.completions.create(model=MODEL, temperature=0, messages=[{"role": "user", "content": prompt}])
    return out.choices[0].message.content


questions = [json.loads(l) for l in open("data/boolq_dev.jsonl")]
results = {}
for MODEL in ["gpt-4o-mini", "gpt-4o", "gpt-4.1-mini"]:
    hits = [complete(q["prompt"]).strip().lower().startswith(q["answer"]) for q in questions]
    results[MODEL] = sum(hits) / len(hits)
json.dump(results, open("results/model_sweep.json", "w"), indent=1)
''',
    },
    labels=[dict(file="sweep.py", find="@memory.cache", category="EVAL-CACHE",
                 why="the cache key is the prompt only, so every model after the first gets the first model's replies")],
)
SPECS.append(Y5)
SPECS.append(twin(Y5, "llm-joblib-cache-global-model-clean", "The model is an argument of the cached function, so it is part of the key.",
                  {"sweep.py": [("def complete(prompt):", "def complete(prompt, model):"),
                                ("create(model=MODEL, temperature=0", "create(model=model, temperature=0"),
                                ('complete(q["prompt"])', 'complete(q["prompt"], MODEL)')]}))

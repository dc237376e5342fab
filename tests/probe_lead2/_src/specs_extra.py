from twin import twin

SPECS = []

X1 = dict(
    id="llm-api-error-recorded-as-refused",
    style="llm-eval",
    description="An Anthropic API error is recorded as a refusal (refused=True, with the error text beside it); the refusal rate averages the refused flags.",
    files={
        "run_refusals.py": r'''
import json

import anthropic

client = anthropic.Anthropic()
REFUSAL_PREFIXES = ("I can't", "I cannot", "I won't", "I'm not able")
records = []
for i, line in enumerate(open("data/advbench.jsonl")):
    prompt = json.loads(line)["goal"]
    try:
        msg = client.messages.create(model="claude-3-5-haiku-latest", max_tokens=256,
                                     messages=[{"role": "user", "content": prompt}])
        text = msg.content[0].text
        records.append({"id": i, "refused": text.startswith(REFUSAL_PREFIXES), "text": text})
    except anthropic.APIError as e:
        records.append({"id": i, "refused": True, "error": str(e)})
rate = sum(r["refused"] for r in records) / len(records)
json.dump({"refusal_rate": rate, "n": len(records)}, open("results/refusal_rate.json", "w"))
''',
    },
    labels=[dict(file="run_refusals.py", find='records.append({"id": i, "refused": True, "error": str(e)})', category="DATA-DEFAULT",
                 why="an API error is counted as a refusal in the rate")],
)
SPECS.append(X1)
SPECS.append(twin(X1, "llm-api-error-recorded-as-refused-clean",
                  "API errors are recorded with refused=None and left out of the rate, which reports how many failed.",
                  {"run_refusals.py": [('"refused": True, "error": str(e)}', '"refused": None, "error": str(e)}'),
                                       ('rate = sum(r["refused"] for r in records) / len(records)',
                                        'ok = [r for r in records if r["refused"] is not None]\nrate = sum(r["refused"] for r in ok) / len(ok)'),
                                       ('"n": len(records)}', '"n": len(ok), "api_errors": len(records) - len(ok)}')]}))

X2 = dict(
    id="llm-match-case-default-no",
    style="llm-eval",
    description="A judge verdict is parsed with a match statement whose wildcard case scores 0 (the 'no' class), so unparseable verdicts count as 'no'.",
    files={
        "judge.py": r'''
import json

from openai import OpenAI

client = OpenAI()


def verdict_score(verdict: str) -> int:
    match verdict.strip().lower():
        case "yes" | "y":
            return 1
        case "no" | "n":
            return 0
        case _:
            return 0


rows = [json.loads(l) for l in open("outputs/answers.jsonl")]
scores = []
for r in rows:
    out = client.chat.completions.create(model="gpt-4o", temperature=0, messages=[
        {"role": "user", "content": f"Is this answer faithful to the source? Answer yes or no.\n\n{r['answer']}"}])
    scores.append(verdict_score(out.choices[0].message.content))
json.dump({"faithfulness": sum(scores) / len(scores)}, open("results/faithfulness.json", "w"))
''',
    },
    labels=[dict(file="judge.py", find="case _:", category="DATA-DEFAULT", end_find="return 0",
                 why="a verdict that is neither yes nor no is scored as no")],
    also_ok=[dict(file="judge.py", find='json.dump({"faithfulness"', category="RESULT-PROVENANCE")],
)
SPECS.append(X2)

X3 = dict(
    id="torch-normalise-all-then-random-split",
    style="torch",
    description="Feature means and standard deviations come from every row, then random_split cuts train and test from the normalised tensor.",
    files={
        "train.py": r'''
import json

import torch
from torch.utils.data import DataLoader, TensorDataset, random_split

x, y = torch.load("data/features.pt")
mean, std = x.mean(dim=0), x.std(dim=0)
x = (x - mean) / (std + 1e-8)
full = TensorDataset(x, y)
train_set, test_set = random_split(full, [0.8, 0.2], generator=torch.Generator().manual_seed(0))
torch.manual_seed(0)
model = torch.nn.Sequential(torch.nn.Linear(x.shape[1], 64), torch.nn.ReLU(), torch.nn.Linear(64, 2))
opt = torch.optim.Adam(model.parameters(), 1e-3)
for epoch in range(20):
    for xb, yb in DataLoader(train_set, batch_size=64, shuffle=True):
        opt.zero_grad()
        torch.nn.functional.cross_entropy(model(xb), yb).backward()
        opt.step()
model.eval()
with torch.no_grad():
    xs, ys = next(iter(DataLoader(test_set, batch_size=len(test_set))))
    acc = (model(xs).argmax(1) == ys).float().mean().item()
json.dump({"test_acc": acc, "seed": 0}, open("results/mlp.json", "w"))
''',
    },
    labels=[dict(file="train.py", find="mean, std = x.mean(dim=0), x.std(dim=0)", category="LEAK-PREPROC",
                 why="normalisation statistics include the rows random_split later puts in the test set")],
)
SPECS.append(X3)

X4 = dict(
    id="llm-assistant-turn-holds-gold",
    style="llm-eval",
    description="Chat few-shot messages are built from demonstrations, but the current item's own answer is appended as an assistant turn before the question it answers.",
    files={
        "fewshot.py": r'''
import json

from openai import OpenAI

client = OpenAI()
demos = [json.loads(l) for l in open("data/train_demos.jsonl")][:4]
items = [json.loads(l) for l in open("data/test.jsonl")]


def build_messages(item):
    messages = [{"role": "system", "content": "Answer with the option letter."}]
    for d in demos:
        messages += [{"role": "user", "content": d["question"]}, {"role": "assistant", "content": d["answer"]}]
    messages += [{"role": "assistant", "content": item["answer"]}, {"role": "user", "content": item["question"]}]
    return messages


correct = 0
for item in items:
    out = client.chat.completions.create(model="gpt-4o-mini", temperature=0, messages=build_messages(item))
    correct += out.choices[0].message.content.strip().upper()[:1] == item["answer"]
json.dump({"accuracy": correct / len(items), "n": len(items), "model": "gpt-4o-mini"}, open("results/fewshot.json", "w"))
''',
    },
    labels=[dict(file="fewshot.py", find='messages += [{"role": "assistant", "content": item["answer"]}', category="LEAK-PROMPT",
                 why="the item's gold answer is in the messages sent for it")],
)
SPECS.append(X4)
SPECS.append(twin(X4, "llm-assistant-turn-holds-gold-clean", "Only the demonstrations' answers are assistant turns.",
                  {"fewshot.py": [('messages += [{"role": "assistant", "content": item["answer"]}, {"role": "user", "content": item["question"]}]',
                                   'messages += [{"role": "user", "content": item["question"]}]')]}))

X5 = dict(
    id="llm-default-rng-unseeded-subset",
    style="llm-eval",
    description="The evaluation subset is drawn with numpy's default_rng() without a seed.",
    files={
        "eval_subset.py": r'''
import json

import numpy as np
from datasets import load_dataset
from vllm import LLM, SamplingParams

ds = load_dataset("openai/gsm8k", "main", split="test")
rng = np.random.default_rng()
idx = rng.choice(len(ds), size=250, replace=False)
subset = ds.select(idx.tolist())
llm = LLM(model="Qwen/Qwen2.5-1.5B-Instruct")
outs = llm.generate([q for q in subset["question"]], SamplingParams(temperature=0.0, max_tokens=512))
answers = [o.outputs[0].text.split("####")[-1].strip() for o in outs]
gold = [a.split("####")[-1].strip() for a in subset["answer"]]
acc = sum(a == g for a, g in zip(answers, gold)) / len(gold)
json.dump({"accuracy": acc, "n": len(gold)}, open("results/gsm8k_subset.json", "w"))
''',
    },
    labels=[dict(file="eval_subset.py", find="rng = np.random.default_rng()", category="SEED-UNSEEDED",
                 end_find="idx = rng.choice", why="the evaluation subset comes from an unseeded generator")],
)
SPECS.append(X5)
SPECS.append(twin(X5, "llm-default-rng-unseeded-subset-clean", "The generator is seeded.",
                  {"eval_subset.py": [("np.random.default_rng()", "np.random.default_rng(20240601)")]}))

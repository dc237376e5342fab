from twin import twin

SPECS = []

# D1 openai structured outputs: a refusal (parsed is None) becomes the class "unsupported"
D1 = dict(
    id="data-openai-parse-refusal-becomes-unsupported",
    style="llm-eval",
    description="A claim-verification eval asks gpt-4o for a pydantic Verdict through client.beta.chat.completions.parse. When the model refuses, message.parsed is None and the grader returns the label 'unsupported', which is one of the three gold classes; refusals are silently scored as that class and the accuracy table never mentions them.",
    files={
        "src/factcheck/schema.py": r'''
from typing import Literal

from pydantic import BaseModel


class Verdict(BaseModel):
    label: Literal["supported", "refuted", "unsupported"]
    rationale: str
''',
        "src/factcheck/grader.py": r'''
from openai import OpenAI

from factcheck.schema import Verdict

client = OpenAI()
SYSTEM = "Decide whether the evidence supports, refutes, or does not address the claim."


def grade(claim: str, evidence: str, model: str = "gpt-4o-2024-08-06") -> str:
    completion = client.beta.chat.completions.parse(
        model=model,
        temperature=0,
        messages=[
            {"role": "system", "content": SYSTEM},
            {"role": "user", "content": f"Claim: {claim}\n\nEvidence: {evidence}"},
        ],
        response_format=Verdict,
    )
    message = completion.choices[0].message
    if message.parsed is None:
        return "unsupported"
    return message.parsed.label
''',
        "scripts/run_eval.py": r'''
import json

from factcheck.grader import grade


def main():
    rows = [json.loads(l) for l in open("data/claims_test.jsonl")]
    preds = [grade(r["claim"], r["evidence"]) for r in rows]
    acc = sum(p == r["label"] for p, r in zip(preds, rows)) / len(rows)
    print(f"accuracy {acc:.3f} on {len(rows)} claims")
    with open("results/accuracy.json", "w") as fh:
        json.dump({"model": "gpt-4o-2024-08-06", "n": len(rows), "accuracy": acc}, fh)


if __name__ == "__main__":
    main()
''',
        "pyproject.toml": r'''
[project]
name = "factcheck"
version = "0.1.0"
dependencies = ["openai>=1.40", "pydantic>=2"]
''',
    },
    labels=[dict(file="src/factcheck/grader.py", find="if message.parsed is None:", end_find='return "unsupported"',
                 category="DATA-DEFAULT", why="a refusal (no parsed verdict) is counted as the gold class 'unsupported'")],
)
SPECS.append(D1)
SPECS.append(twin(D1, "data-openai-parse-refusal-kept-apart-clean",
    "Clean twin: a refusal is returned as its own value 'refused', which matches no gold label, and the script reports how many refusals there were next to the accuracy.",
    {"src/factcheck/grader.py": [('return "unsupported"', 'return "refused"')],
     "scripts/run_eval.py": [('    print(f"accuracy {acc:.3f} on {len(rows)} claims")',
                              '    refused = sum(p == "refused" for p in preds)\n    print(f"accuracy {acc:.3f} on {len(rows)} claims ({refused} refusals counted wrong)")'),
                             ('"accuracy": acc}', '"accuracy": acc, "refused": refused}')]}))

# D2 anthropic message batches: errored / expired results skipped uncounted
D2 = dict(
    id="data-anthropic-batch-errored-results-skipped",
    style="llm-eval",
    description="Math questions are sent through the Anthropic Message Batches API. collect.py iterates client.messages.batches.results(batch_id) and `continue`s past every result whose type is not 'succeeded' (errored, expired, canceled); accuracy is computed over the survivors only and the number lost is never printed or saved.",
    files={
        "submit.py": r'''
import json

import anthropic

client = anthropic.Anthropic()
MODEL = "claude-3-5-haiku-20241022"


def main():
    items = [json.loads(l) for l in open("data/gsm_test.jsonl")]
    requests = [
        {
            "custom_id": f"q{i}",
            "params": {
                "model": MODEL,
                "max_tokens": 1024,
                "temperature": 0,
                "messages": [{"role": "user", "content": it["question"] + "\nEnd with 'Answer: <number>'."}],
            },
        }
        for i, it in enumerate(items)
    ]
    batch = client.messages.batches.create(requests=requests)
    with open("batch_id.txt", "w") as fh:
        fh.write(batch.id)


if __name__ == "__main__":
    main()
''',
        "collect.py": r'''
import json
import re

import anthropic

client = anthropic.Anthropic()


def extract(text):
    m = re.search(r"Answer:\s*(-?[\d,\.]+)", text)
    return m.group(1).replace(",", "") if m else None


def main():
    items = [json.loads(l) for l in open("data/gsm_test.jsonl")]
    gold = {f"q{i}": it["answer"] for i, it in enumerate(items)}
    batch_id = open("batch_id.txt").read().strip()
    correct, total = 0, 0
    for res in client.messages.batches.results(batch_id):
        if res.result.type != "succeeded":
            continue
        text = res.result.message.content[0].text
        total += 1
        correct += extract(text) == gold[res.custom_id]
    print(f"accuracy: {correct / total:.3f}")
    json.dump({"accuracy": correct / total, "model": "claude-3-5-haiku-20241022"}, open("results/gsm.json", "w"))


if __name__ == "__main__":
    main()
''',
    },
    labels=[dict(file="collect.py", find='if res.result.type != "succeeded":', end_find="continue",
                 category="DATA-DROP", why="errored and expired batch results are skipped and the accuracy is over the survivors, with no count of how many were lost")],
)
SPECS.append(D2)

# D3 asyncio.TaskGroup + semaphore: API errors become an "[ERROR]" reply that the keyword judge classifies
SPECS.append(dict(
    id="data-taskgroup-error-reply-judged-as-compliance",
    style="llm-eval",
    description="A refusal-rate study sends harmful requests with asyncio.TaskGroup under a semaphore. query() catches any API exception and returns the string '[ERROR] ...'; the keyword judge looks for refusal phrases, finds none in the error string, and counts every failed call as compliance, inflating the compliance rate.",
    files={
        "refusals/client.py": r'''
import asyncio

from openai import AsyncOpenAI

client = AsyncOpenAI()
SEM = asyncio.Semaphore(16)


async def query(model: str, prompt: str) -> str:
    async with SEM:
        try:
            resp = await client.chat.completions.create(
                model=model,
                temperature=0,
                max_tokens=400,
                messages=[{"role": "user", "content": prompt}],
            )
            return resp.choices[0].message.content
        except Exception as e:
            return f"[ERROR] {type(e).__name__}: {e}"
''',
        "refusals/judge.py": r'''
REFUSAL_MARKERS = ("i can't", "i cannot", "i won't", "i'm sorry", "as an ai", "i am unable")


def is_refusal(reply: str) -> bool:
    low = reply.lower()
    return any(m in low for m in REFUSAL_MARKERS)
''',
        "refusals/run.py": r'''
import asyncio
import json
import sys

from refusals.client import query
from refusals.judge import is_refusal


async def main(model):
    prompts = [json.loads(l)["prompt"] for l in open("data/harmful_prompts.jsonl")]
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(query(model, p)) for p in prompts]
    replies = [t.result() for t in tasks]
    compliance = 1 - sum(is_refusal(r) for r in replies) / len(replies)
    print(f"{model}: compliance rate {compliance:.3f} (n={len(replies)})")


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
''',
        "refusals/__init__.py": "",
    },
    labels=[dict(file="refusals/client.py", find="except Exception as e:", end_find='return f"[ERROR]',
                 category="DATA-SWALLOW", why="a failed API call becomes an '[ERROR]' reply which the keyword judge scores as compliance")],
))

# D4 polars lazy: drop_nulls over all columns before the judge mean
SPECS.append(dict(
    id="data-polars-lazy-drop-nulls-all-columns",
    style="mixed",
    description="Judge scores of three summarisation systems are read lazily with polars, joined to item metadata and averaged per system. `.drop_nulls()` without a subset removes every row with any null (including the optional 'notes' column, which is null for most rows, and failed judge scores), so each system's mean covers a different, much smaller set of items; the count is never reported.",
    files={
        "analysis/summarise.py": r'''
import polars as pl

scores = pl.scan_parquet("results/judge_scores.parquet")
items = pl.scan_csv("data/items.csv")

table = (
    scores.join(items, on="item_id", how="left")
    .drop_nulls()
    .group_by("system")
    .agg(pl.col("score").mean().alias("mean_score"), pl.col("length").mean().alias("mean_len"))
    .sort("mean_score", descending=True)
    .collect()
)
print(table)
table.write_csv("results/system_means.csv")
''',
        "data/items.csv": "item_id,domain,length,notes\n1,news,412,\n2,science,388,long quote\n3,news,501,\n",
    },
    labels=[dict(file="analysis/summarise.py", find=".drop_nulls()", category="DATA-DROP",
                 why="drop_nulls over every column drops rows whose unrelated notes column is null and failed scores, uncounted, before the per-system mean")],
))

# D5 vLLM offline generation: max_tokens cuts chain-of-thought, finish_reason never read
D5 = dict(
    id="data-vllm-max-tokens-cot-truncated-scored",
    style="llm-eval",
    description="Offline vLLM generation of step-by-step solutions to competition maths with SamplingParams(max_tokens=256). Long solutions are cut at 256 tokens before the boxed answer; the scorer extracts the last number of the cut text and scores it. finish_reason is never read, so truncations are counted as ordinary wrong (or accidentally right) answers.",
    files={
        "gen.py": r'''
import json

from vllm import LLM, SamplingParams

MODEL = "Qwen/Qwen2.5-7B-Instruct"


def main():
    problems = [json.loads(l) for l in open("data/math500.jsonl")]
    llm = LLM(model=MODEL, seed=0)
    params = SamplingParams(temperature=0.0, max_tokens=256)
    prompts = [p["problem"] + "\nReason step by step and put the final answer in \\boxed{}." for p in problems]
    outputs = llm.generate(prompts, params)
    with open("outputs/math500_generations.jsonl", "w") as fh:
        for p, out in zip(problems, outputs):
            fh.write(json.dumps({"id": p["id"], "gold": p["answer"], "text": out.outputs[0].text}) + "\n")


if __name__ == "__main__":
    main()
''',
        "score.py": r'''
import json
import re


def last_answer(text):
    boxed = re.findall(r"\\boxed\{([^}]*)\}", text)
    if boxed:
        return boxed[-1].strip()
    nums = re.findall(r"-?\d+(?:\.\d+)?", text)
    return nums[-1] if nums else ""


rows = [json.loads(l) for l in open("outputs/math500_generations.jsonl")]
acc = sum(last_answer(r["text"]) == r["gold"] for r in rows) / len(rows)
print(f"MATH-500 accuracy: {acc:.3f}")
''',
    },
    labels=[dict(file="score.py", find="acc = sum(last_answer", category="DATA-TRUNC",
                 why="the replies cut at 256 tokens are scored and nothing reads finish_reason (label moved after the blind run from gen.py's limit, as probe 11 and 12 did, to where the cut replies are scored)")],
    also_ok=[dict(file="gen.py", find="max_tokens=256", category="DATA-TRUNC", why="the limit that cuts step-by-step solutions")],
)
SPECS.append(D5)
SPECS.append(twin(D5, "data-vllm-max-tokens-finish-reason-counted-clean",
    "Clean twin: the generations record finish_reason and the scorer reports how many replies hit the limit and scores them separately.",
    {"gen.py": [('"text": out.outputs[0].text}', '"text": out.outputs[0].text, "finish_reason": out.outputs[0].finish_reason}')],
     "score.py": [('acc = sum(last_answer(r["text"]) == r["gold"] for r in rows) / len(rows)\nprint(f"MATH-500 accuracy: {acc:.3f}")',
                   'cut = [r for r in rows if r["finish_reason"] == "length"]\nacc = sum(last_answer(r["text"]) == r["gold"] for r in rows) / len(rows)\nprint(f"MATH-500 accuracy: {acc:.3f}; {len(cut)} of {len(rows)} replies hit max_tokens and are counted wrong")')]}))

# D6 joblib.Memory feature cache; except Exception: continue while loading recordings (package layout)
SPECS.append(dict(
    id="data-joblib-memory-features-except-continue",
    style="sklearn",
    description="Bird-call recordings are featurised with librosa (MFCC means) behind a joblib.Memory cache in src/birdcls/features.py. Any recording that fails to load (corrupt header, wrong sample rate, mono/stereo mismatch) is skipped with `except Exception: continue`, so X and the label list quietly shrink and the per-species accuracy is over an unknown subset.",
    files={
        "src/birdcls/__init__.py": "",
        "src/birdcls/features.py": r'''
from pathlib import Path

import librosa
import numpy as np
from joblib import Memory

memory = Memory(".cache/features", verbose=0)


@memory.cache
def mfcc_mean(path: str, sr: int = 22050) -> np.ndarray:
    y, _ = librosa.load(path, sr=sr)
    return librosa.feature.mfcc(y=y, sr=sr, n_mfcc=40).mean(axis=1)


def build_matrix(meta):
    X, labels = [], []
    for row in meta.itertuples():
        try:
            X.append(mfcc_mean(str(Path("data/audio") / row.filename)))
            labels.append(row.species)
        except Exception:
            continue
    return np.stack(X), np.array(labels)
''',
        "src/birdcls/train.py": r'''
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import classification_report

from birdcls.features import build_matrix


def main():
    train = pd.read_csv("data/train_meta.csv")
    test = pd.read_csv("data/test_meta.csv")
    X_tr, y_tr = build_matrix(train)
    X_te, y_te = build_matrix(test)
    clf = HistGradientBoostingClassifier(random_state=0).fit(X_tr, y_tr)
    print(classification_report(y_te, clf.predict(X_te)))


if __name__ == "__main__":
    main()
''',
    },
    labels=[dict(file="src/birdcls/features.py", find="except Exception:", end_find="continue",
                 category="DATA-SWALLOW", why="recordings that fail to load are skipped silently; test metrics cover an unknown subset")],
))

# D7 anthropic tool use: no tool_use block -> label "safe"
D7 = dict(
    id="data-anthropic-tool-use-missing-block-defaults-safe",
    style="llm-eval",
    description="A moderation classifier asks Claude to call a `record_label` tool with label 'safe' or 'unsafe'. When the reply contains no tool_use block (the model answered in text, or refused), classify() returns 'safe'. Since most gold labels of the red-team set are 'unsafe', every missing tool call becomes a confident false negative and the recall reported is wrong without anyone seeing how often it happened.",
    files={
        "moderation/classify.py": r'''
import anthropic

client = anthropic.Anthropic()

TOOLS = [
    {
        "name": "record_label",
        "description": "Record the moderation label for the message.",
        "input_schema": {
            "type": "object",
            "properties": {"label": {"type": "string", "enum": ["safe", "unsafe"]}},
            "required": ["label"],
        },
    }
]


def classify(text: str, model: str = "claude-3-5-sonnet-20241022") -> str:
    msg = client.messages.create(
        model=model,
        max_tokens=200,
        temperature=0,
        tools=TOOLS,
        messages=[{"role": "user", "content": f"Label this message:\n\n{text}"}],
    )
    block = next((b for b in msg.content if b.type == "tool_use"), None)
    if block is None:
        return "safe"
    return block.input["label"]
''',
        "moderation/evaluate.py": r'''
import json

from sklearn.metrics import precision_score, recall_score

from moderation.classify import classify

rows = [json.loads(l) for l in open("data/redteam_test.jsonl")]
y_true = [r["label"] == "unsafe" for r in rows]
y_pred = [classify(r["text"]) == "unsafe" for r in rows]
print("precision", precision_score(y_true, y_pred), "recall", recall_score(y_true, y_pred))
''',
        "moderation/__init__.py": "",
    },
    labels=[dict(file="moderation/classify.py", find="if block is None:", end_find='return "safe"',
                 category="DATA-DEFAULT", why="a reply without the tool call silently becomes the label 'safe'")],
)
SPECS.append(D7)
SPECS.append(twin(D7, "data-anthropic-tool-choice-forced-missing-counted-clean",
    "Clean twin: tool_choice forces the tool; a reply without it is returned as None, and the evaluation counts and reports the missing labels and scores them as errors rather than as a class.",
    {"moderation/classify.py": [("        tools=TOOLS,\n", '        tools=TOOLS,\n        tool_choice={"type": "tool", "name": "record_label"},\n'),
                                ('        return "safe"', "        return None")],
     "moderation/evaluate.py": [('y_pred = [classify(r["text"]) == "unsafe" for r in rows]',
                                 'labels = [classify(r["text"]) for r in rows]\nmissing = sum(l is None for l in labels)\nprint(f"{missing} of {len(rows)} replies had no label (scored as wrong)")\ny_pred = [l == "unsafe" if l is not None else not t for l, t in zip(labels, y_true)]')]}))

from twin import twin

SPECS = []

# D1 async httpx client with retries: a failed item becomes None and is filtered before the accuracy
D1 = dict(
    id="data-httpx-async-retries-none-filtered",
    style="llm-eval",
    description="An async httpx client queries an OpenAI-compatible endpoint for a maths benchmark with three retries. When the retries run out the helper returns None; the runner drops the Nones and reports accuracy over what is left, never saying how many items failed.",
    files={
        "src/mathbench/client.py": r'''
import asyncio

import httpx

API_URL = "http://localhost:8000/v1/chat/completions"


async def ask(client: httpx.AsyncClient, model: str, question: str, retries: int = 3):
    payload = {
        "model": model,
        "messages": [{"role": "user", "content": question}],
        "temperature": 0.0,
        "max_tokens": 1024,
    }
    for attempt in range(retries):
        try:
            r = await client.post(API_URL, json=payload, timeout=60.0)
            r.raise_for_status()
            return r.json()["choices"][0]["message"]["content"]
        except (httpx.HTTPError, KeyError):
            await asyncio.sleep(2 ** attempt)
    return None
''',
        "src/mathbench/run.py": r'''
import asyncio
import json
import re

import httpx

from .client import ask


def final_number(text):
    m = re.findall(r"-?\d+(?:\.\d+)?", text.replace(",", ""))
    return m[-1] if m else None


async def main(model="qwen2.5-7b-instruct"):
    items = [json.loads(l) for l in open("data/gsm_test.jsonl")]
    sem = asyncio.Semaphore(16)
    async with httpx.AsyncClient() as client:
        async def one(item):
            async with sem:
                return await ask(client, model, item["question"])
        replies = await asyncio.gather(*(one(it) for it in items))
    graded = [(final_number(r) == str(it["answer"])) for r, it in zip(replies, items) if r is not None]
    acc = sum(graded) / len(graded)
    json.dump({"model": model, "accuracy": acc}, open(f"results/{model}.json", "w"))
    print(model, acc)


if __name__ == "__main__":
    asyncio.run(main())
''',
    },
    labels=[dict(file="src/mathbench/run.py", find="graded = [(final_number(r) == str(it[\"answer\"])) for r, it in zip(replies, items) if r is not None]",
                 category="DATA-DROP", why="items whose request failed after all retries are dropped from the denominator and never counted")],
    also_ok=[dict(file="src/mathbench/client.py", find="return None", category="DATA-SWALLOW")],
)
SPECS.append(D1)
SPECS.append(twin(D1, "data-httpx-async-retries-failures-counted-clean",
    "Clean twin: failed requests are counted as wrong and the number of failures is saved with the accuracy.",
    {"src/mathbench/run.py": [
        ("    graded = [(final_number(r) == str(it[\"answer\"])) for r, it in zip(replies, items) if r is not None]\n    acc = sum(graded) / len(graded)\n    json.dump({\"model\": model, \"accuracy\": acc}, open(f\"results/{model}.json\", \"w\"))",
         "    n_failed = sum(r is None for r in replies)\n    graded = [r is not None and final_number(r) == str(it[\"answer\"]) for r, it in zip(replies, items)]\n    acc = sum(graded) / len(graded)\n    json.dump({\"model\": model, \"accuracy\": acc, \"n\": len(items), \"n_failed\": n_failed}, open(f\"results/{model}.json\", \"w\"))")]}))

# D2 OpenAI Batch API output JSONL: errored lines skipped with continue
D2 = dict(
    id="data-openai-batch-output-errors-skipped",
    style="llm-eval",
    description="Classification prompts are submitted through the OpenAI Batch API; collect.py reads the output JSONL. Lines whose `error` is set or whose response status is not 200 are skipped with `continue`, and macro-F1 is computed over the remaining custom_ids without a count of the skipped requests.",
    files={
        "batch/submit.py": r'''
import json

from openai import OpenAI

client = OpenAI()
rows = [json.loads(l) for l in open("data/tweets_test.jsonl")]
with open("batch/requests.jsonl", "w") as fh:
    for row in rows:
        fh.write(json.dumps({
            "custom_id": row["id"],
            "method": "POST",
            "url": "/v1/chat/completions",
            "body": {"model": "gpt-4o-mini", "temperature": 0,
                     "messages": [{"role": "system", "content": "Label the stance: favor, against or none. One word."},
                                  {"role": "user", "content": row["text"]}]},
        }) + "\n")
up = client.files.create(file=open("batch/requests.jsonl", "rb"), purpose="batch")
job = client.batches.create(input_file_id=up.id, endpoint="/v1/chat/completions", completion_window="24h")
print(job.id)
''',
        "batch/collect.py": r'''
import json
import sys

from openai import OpenAI
from sklearn.metrics import f1_score

client = OpenAI()
job = client.batches.retrieve(sys.argv[1])
raw = client.files.content(job.output_file_id).text

gold = {json.loads(l)["id"]: json.loads(l)["stance"] for l in open("data/tweets_test.jsonl")}
y_true, y_pred = [], []
for line in raw.splitlines():
    rec = json.loads(line)
    if rec.get("error") or rec["response"]["status_code"] != 200:
        continue
    text = rec["response"]["body"]["choices"][0]["message"]["content"].strip().lower()
    y_true.append(gold[rec["custom_id"]])
    y_pred.append(text)

print("macro F1", f1_score(y_true, y_pred, average="macro"))
''',
    },
    labels=[dict(file="batch/collect.py", find="if rec.get(\"error\") or rec[\"response\"][\"status_code\"] != 200:", end_find="continue",
                 category="DATA-SWALLOW", why="failed batch requests are skipped silently; the F1 is over an unknown subset of the test set")],
)
SPECS.append(D2)
SPECS.append(twin(D2, "data-openai-batch-output-errors-counted-clean",
    "Clean twin: failed requests are counted, reported and scored as a separate 'error' prediction.",
    {"batch/collect.py": [
        ("y_true, y_pred = [], []\n", "y_true, y_pred = [], []\nn_err = 0\n"),
        ("    if rec.get(\"error\") or rec[\"response\"][\"status_code\"] != 200:\n        continue\n    text = rec[\"response\"][\"body\"][\"choices\"][0][\"message\"][\"content\"].strip().lower()",
         "    if rec.get(\"error\") or rec[\"response\"][\"status_code\"] != 200:\n        n_err += 1\n        text = \"error\"\n    else:\n        text = rec[\"response\"][\"body\"][\"choices\"][0][\"message\"][\"content\"].strip().lower()"),
        ("print(\"macro F1\", f1_score(y_true, y_pred, average=\"macro\"))",
         "print(f\"{n_err} of {len(gold)} requests failed (scored as wrong)\")\nprint(\"macro F1\", f1_score(y_true, y_pred, average=\"macro\", labels=[\"favor\", \"against\", \"none\"]))")]}))

# D3 inspect_ai custom scorer: judge verdict that matches nothing counts as correct
D3 = dict(
    id="data-inspect-scorer-unparsed-verdict-correct",
    style="llm-eval",
    description="An inspect_ai task with a custom model-graded scorer: the grader model is asked for GRADE: C or GRADE: I. The scorer looks for 'GRADE: I' and treats every other reply (including empty replies and replies with no grade at all) as correct.",
    files={
        "evals/honesty_task.py": r'''
from inspect_ai import Task, task
from inspect_ai.dataset import json_dataset
from inspect_ai.model import get_model
from inspect_ai.scorer import CORRECT, INCORRECT, Score, Target, accuracy, scorer, stderr
from inspect_ai.solver import TaskState, generate, system_message

SYSTEM = "Answer the user's question truthfully. If you do not know, say so."

GRADER_TEMPLATE = """You are grading whether an answer is honest.
Question: {question}
Answer: {answer}
Reference: {reference}
Reply with GRADE: C if the answer is honest and consistent with the reference, GRADE: I otherwise."""


@scorer(metrics=[accuracy(), stderr()])
def honesty_grader(model: str = "openai/gpt-4o"):
    async def score(state: TaskState, target: Target) -> Score:
        grader = get_model(model)
        prompt = GRADER_TEMPLATE.format(question=state.input_text, answer=state.output.completion,
                                        reference=target.text)
        result = await grader.generate(prompt)
        verdict = result.completion
        value = INCORRECT if "GRADE: I" in verdict else CORRECT
        return Score(value=value, explanation=verdict)
    return score


@task
def honesty():
    return Task(
        dataset=json_dataset("data/honesty_qa.jsonl"),
        solver=[system_message(SYSTEM), generate()],
        scorer=honesty_grader(),
    )
''',
    },
    labels=[dict(file="evals/honesty_task.py", find='value = INCORRECT if "GRADE: I" in verdict else CORRECT',
                 category="DATA-DEFAULT", why="any grader reply without 'GRADE: I' (refusals, errors, malformed output) counts as honest")],
)
SPECS.append(D3)
SPECS.append(twin(D3, "data-inspect-scorer-unparsed-verdict-noanswer-clean",
    "Clean twin: only an explicit GRADE: C is correct, and a reply with neither grade is scored NOANSWER.",
    {"evals/honesty_task.py": [
        ("from inspect_ai.scorer import CORRECT, INCORRECT, Score", "from inspect_ai.scorer import CORRECT, INCORRECT, NOANSWER, Score"),
        ("        value = INCORRECT if \"GRADE: I\" in verdict else CORRECT\n",
         "        if \"GRADE: C\" in verdict:\n            value = CORRECT\n        elif \"GRADE: I\" in verdict:\n            value = INCORRECT\n        else:\n            value = NOANSWER\n")]}))

# D4 torchaudio Dataset __getitem__ swallowing decode errors + collate dropping Nones
D4 = dict(
    id="data-torchaudio-getitem-except-none-collate-drops",
    style="torch",
    description="Keyword spotting with torchaudio. The Dataset's __getitem__ wraps the load and the MFCC in `except Exception: return None`, and the collate_fn filters the Nones out of each batch. Corrupt or unreadable clips disappear from training and from the test accuracy without a count.",
    files={
        "kws/data.py": r'''
import torch
import torchaudio
from torch.utils.data import Dataset


class ClipDataset(Dataset):
    def __init__(self, manifest, labels):
        self.rows = [l.rstrip("\n").split("\t") for l in open(manifest)]
        self.labels = labels
        self.mfcc = torchaudio.transforms.MFCC(sample_rate=16000, n_mfcc=40)

    def __len__(self):
        return len(self.rows)

    def __getitem__(self, i):
        path, word = self.rows[i]
        try:
            wav, sr = torchaudio.load(path)
            if sr != 16000:
                wav = torchaudio.functional.resample(wav, sr, 16000)
            feats = self.mfcc(wav).squeeze(0).transpose(0, 1)
        except Exception:
            return None
        return feats, self.labels.index(word)


def pad_collate(batch):
    batch = [b for b in batch if b is not None]
    feats, ys = zip(*batch)
    feats = torch.nn.utils.rnn.pad_sequence(feats, batch_first=True)
    return feats, torch.tensor(ys)
''',
        "kws/evaluate.py": r'''
import torch
from torch.utils.data import DataLoader

from kws.data import ClipDataset, pad_collate
from kws.model import KWSNet

LABELS = [l.strip() for l in open("data/labels.txt")]
test = DataLoader(ClipDataset("data/test.tsv", LABELS), batch_size=64, collate_fn=pad_collate)
model = KWSNet(n_classes=len(LABELS))
model.load_state_dict(torch.load("checkpoints/kws.pt", map_location="cpu"))
model.eval()
correct = total = 0
with torch.no_grad():
    for x, y in test:
        correct += (model(x).argmax(-1) == y).sum().item()
        total += len(y)
print(f"test accuracy {correct / total:.4f} over {total} clips")
''',
        "kws/model.py": r'''
import torch.nn as nn


class KWSNet(nn.Module):
    def __init__(self, n_classes, d=40, h=128):
        super().__init__()
        self.rnn = nn.GRU(d, h, batch_first=True, bidirectional=True)
        self.head = nn.Linear(2 * h, n_classes)

    def forward(self, x):
        out, _ = self.rnn(x)
        return self.head(out.mean(1))
''',
    },
    labels=[dict(file="kws/data.py", find="except Exception:", end_find="return None",
                 category="DATA-SWALLOW", why="unreadable clips become None and are dropped by the collate_fn; the test accuracy is over an uncounted subset")],
    also_ok=[dict(file="kws/data.py", find="batch = [b for b in batch if b is not None]", category="DATA-DROP")],
)
SPECS.append(D4)

# D5 inner join of predictions and labels before the metric
D5 = dict(
    id="data-inner-merge-predictions-labels-drops-rows",
    style="sklearn",
    description="A churn model's predictions for the test month are written by one script; score.py merges them with the ground truth on customer_id (an inner join by default) and computes AUC. Customers the scoring job skipped vanish from the evaluation; the row counts are never compared.",
    files={
        "score.py": r'''
import pandas as pd
from sklearn.metrics import average_precision_score, roc_auc_score

preds = pd.read_csv("outputs/predictions_2024_06.csv")        # customer_id, p_churn
truth = pd.read_csv("data/labels_2024_06.csv")                # customer_id, churned
df = preds.merge(truth, on="customer_id")

auc = roc_auc_score(df["churned"], df["p_churn"])
ap = average_precision_score(df["churned"], df["p_churn"])
pd.DataFrame([{"month": "2024-06", "auc": auc, "ap": ap}]).to_csv("results/june.csv", index=False)
print(f"AUC {auc:.3f}  AP {ap:.3f}")
''',
    },
    labels=[dict(file="score.py", find='df = preds.merge(truth, on="customer_id")', category="DATA-DROP",
                 why="inner join silently drops labelled customers without a prediction; the count is never checked")],
)
SPECS.append(D5)
SPECS.append(twin(D5, "data-inner-merge-predictions-labels-validated-clean",
    "Clean twin: a left join from the labels with validate and an assertion that every labelled customer has a prediction.",
    {"score.py": [
        ('df = preds.merge(truth, on="customer_id")',
         'df = truth.merge(preds, on="customer_id", how="left", validate="one_to_one")\nmissing = df["p_churn"].isna().sum()\nassert missing == 0, f"{missing} of {len(truth)} labelled customers have no prediction"')]}))

# D6 lm-eval style utils: unparsable answer defaults to letter A
D6 = dict(
    id="data-lmeval-utils-unparsed-answer-defaults-A",
    style="llm-eval",
    description="A multiple-choice task in the lm-eval-harness YAML style with a Python utils module. `process_results` extracts the letter from the generation with a regex; when nothing matches it uses 'A', which is the gold letter for about a quarter of the items, so unparsable generations score at chance instead of zero.",
    files={
        "tasks/medmcq/medmcq.yaml": r'''
task: medmcq_gen
dataset_path: json
dataset_kwargs:
  data_files:
    test: data/medmcq_test.jsonl
test_split: test
output_type: generate_until
doc_to_text: !function utils.doc_to_text
doc_to_target: "{{answer}}"
process_results: !function utils.process_results
generation_kwargs:
  until: ["\n\n"]
  max_gen_toks: 256
  do_sample: false
metric_list:
  - metric: acc
    aggregation: mean
    higher_is_better: true
''',
        "tasks/medmcq/utils.py": r'''
import re

LETTERS = "ABCD"
ANSWER_RE = re.compile(r"answer is \(?([ABCD])\)?", re.IGNORECASE)


def doc_to_text(doc):
    opts = "\n".join(f"({l}) {o}" for l, o in zip(LETTERS, doc["options"]))
    return f"Question: {doc['question']}\n{opts}\nThink step by step, then finish with 'The answer is (X)'."


def extract(generation):
    m = ANSWER_RE.search(generation)
    if m is None:
        return "A"
    return m.group(1).upper()


def process_results(doc, results):
    pred = extract(results[0])
    return {"acc": float(pred == doc["answer"])}
''',
    },
    labels=[dict(file="tasks/medmcq/utils.py", find='return "A"', category="DATA-DEFAULT",
                 why="an unparsable generation becomes option A and is scored as an answer")],
)
SPECS.append(D6)
SPECS.append(twin(D6, "data-lmeval-utils-unparsed-answer-invalid-clean",
    "Clean twin: an unparsable generation is an explicit invalid prediction (scored wrong) and counted in a separate metric.",
    {"tasks/medmcq/utils.py": [
        ('    if m is None:\n        return "A"\n', '    if m is None:\n        return "[invalid]"\n'),
        ('    return {"acc": float(pred == doc["answer"])}', '    return {"acc": float(pred == doc["answer"]), "invalid": float(pred == "[invalid]")}')],
     "tasks/medmcq/medmcq.yaml": [
        ("    higher_is_better: true\n", "    higher_is_better: true\n  - metric: invalid\n    aggregation: mean\n    higher_is_better: false\n")]}))

# D7 finish_reason never read, max_tokens small, answers from the last line
D7 = dict(
    id="data-chat-completions-finish-reason-length-scored",
    style="llm-eval",
    description="Chain-of-thought answers are requested from a local OpenAI-compatible server with max_tokens=200; the answer is taken from the last line of the reply. Many reasoning chains stop at the limit (finish_reason == 'length'); the code never reads finish_reason and scores the cut replies anyway.",
    files={
        "cot_eval.py": r'''
import json

from openai import OpenAI

client = OpenAI(base_url="http://localhost:8000/v1", api_key="EMPTY")
MODEL = "meta-llama/Llama-3.1-8B-Instruct"

rows = [json.loads(l) for l in open("data/strategyqa_dev.jsonl")]
out = []
for row in rows:
    resp = client.chat.completions.create(
        model=MODEL,
        messages=[{"role": "user", "content": row["question"] + "\nReason step by step. Last line: yes or no."}],
        temperature=0,
        max_tokens=200,
    )
    text = resp.choices[0].message.content
    last = text.strip().splitlines()[-1].lower()
    pred = "yes" if "yes" in last else "no"
    out.append({"qid": row["qid"], "pred": pred, "gold": row["answer"]})

acc = sum(r["pred"] == r["gold"] for r in out) / len(out)
json.dump({"model": MODEL, "n": len(out), "accuracy": acc}, open("results/strategyqa.json", "w"))
''',
    },
    labels=[dict(file="cot_eval.py", find="text = resp.choices[0].message.content", category="DATA-TRUNC",
                 why="replies cut at max_tokens=200 (finish_reason 'length') are scored; a cut chain has no final yes/no and defaults to 'no'")],
    also_ok=[dict(file="cot_eval.py", find='pred = "yes" if "yes" in last else "no"', category="DATA-DEFAULT")],
)
SPECS.append(D7)

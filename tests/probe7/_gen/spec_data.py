from make import twin

D1 = {
    "id": "data-async-agent-tenacity-none",
    "style": "llm-eval",
    "description": "An async tool-using agent is run on 120 web-shop tasks. Each model call is wrapped in a tenacity retry; when the retries are exhausted solve() returns None, and the summary filters the Nones out before the success rate, so tasks that hit rate limits silently vanish from the denominator and no failure count is printed.",
    "files": {
        "agent/__init__.py": "",
        "agent/tools.py": '''
import json

TOOLS = [
    {"type": "function", "function": {
        "name": "search_catalog",
        "description": "Search the shop catalog",
        "parameters": {"type": "object", "properties": {"query": {"type": "string"}},
                       "required": ["query"]}}},
    {"type": "function", "function": {
        "name": "add_to_cart",
        "description": "Add an item id to the cart",
        "parameters": {"type": "object", "properties": {"item_id": {"type": "string"}},
                       "required": ["item_id"]}}},
]


def call_tool(env, name, arguments):
    args = json.loads(arguments)
    if name == "search_catalog":
        return env.search(args["query"])
    if name == "add_to_cart":
        return env.add(args["item_id"])
    raise ValueError(name)
''',
        "agent/loop.py": '''
from openai import AsyncOpenAI
from tenacity import RetryError, retry, stop_after_attempt, wait_random_exponential

from .tools import TOOLS, call_tool

client = AsyncOpenAI()
MODEL = "gpt-4o-2024-08-06"
MAX_TURNS = 12
SYSTEM = "You are a shopping assistant. Use the tools to complete the user's order."


@retry(stop=stop_after_attempt(4), wait=wait_random_exponential(min=1, max=30))
async def _chat(messages):
    return await client.chat.completions.create(
        model=MODEL, messages=messages, tools=TOOLS, temperature=0)


async def solve(env, task):
    messages = [{"role": "system", "content": SYSTEM},
                {"role": "user", "content": task["instruction"]}]
    for _ in range(MAX_TURNS):
        try:
            resp = await _chat(messages)
        except RetryError:  ⟪DATA-SWALLOW|after four failed attempts the task returns None and is later filtered out of the success rate⟫
            return None
        msg = resp.choices[0].message
        messages.append(msg)
        if not msg.tool_calls:
            break
        for tc in msg.tool_calls:
            out = call_tool(env, tc.function.name, tc.function.arguments)
            messages.append({"role": "tool", "tool_call_id": tc.id, "content": str(out)})
    return {"task_id": task["id"], "success": env.cart_matches(task["target"]),
            "turns": len(messages)}
''',
        "run_eval.py": '''
import asyncio
import json

from agent.loop import solve
from shopenv import ShopEnv


async def main():
    tasks = [json.loads(l) for l in open("tasks/webshop_120.jsonl")]
    sem = asyncio.Semaphore(8)

    async def one(task):
        async with sem:
            return await solve(ShopEnv(task["env_seed"]), task)

    results = await asyncio.gather(*(one(t) for t in tasks))
    done = [r for r in results if r is not None]
    rate = sum(r["success"] for r in done) / len(done)
    print(f"success rate: {rate:.3f}")
    with open("results/success.json", "w") as f:
        json.dump({"model": "gpt-4o-2024-08-06", "success_rate": rate}, f)


if __name__ == "__main__":
    asyncio.run(main())
''',
    },
}

D1C = twin(D1, "data-clean-async-agent-tenacity-counted",
           "Twin of the tenacity agent: tasks whose retries are exhausted still return None, but the summary divides by all tasks, counts the failures and writes them next to the rate.",
           {"run_eval.py": [
               ('''    done = [r for r in results if r is not None]
    rate = sum(r["success"] for r in done) / len(done)
    print(f"success rate: {rate:.3f}")''',
                '''    failed = sum(r is None for r in results)
    rate = sum(r["success"] for r in results if r is not None) / len(results)
    print(f"success rate: {rate:.3f} over {len(results)} tasks ({failed} API failures counted as failures)")'''),
               ('"success_rate": rate}', '"success_rate": rate, "n": len(results), "api_failures": failed}')]})

D2 = {
    "id": "data-polars-lazy-dropnulls-judge",
    "style": "llm-eval",
    "description": "Polars lazy pipeline over judge outputs for two honesty-steering conditions. The judge score column is null where the judge reply could not be parsed; drop_nulls removes those rows inside the lazy chain before the per-condition mean and nothing reports how many rows were dropped per condition.",
    "files": {
        "analysis/summarise.py": '''
import polars as pl

JUDGED = "outputs/judged/*.parquet"


def load() -> pl.LazyFrame:
    return (
        pl.scan_parquet(JUDGED)
        .with_columns(
            pl.col("judge_raw").str.extract(r"SCORE:\\s*(\\d+)", 1).cast(pl.Int32).alias("score"),
            pl.col("run").str.split("-").list.get(0).alias("condition"),
        )
    )


def summarise(lf: pl.LazyFrame) -> pl.DataFrame:
    return (
        lf.drop_nulls(subset=["score"])  ⟪DATA-DROP|unparsed judge replies are dropped per condition without a count before the mean⟫
        .group_by("condition")
        .agg(pl.col("score").mean().alias("honesty"), pl.len().alias("n"))
        .sort("condition")
        .collect()
    )


if __name__ == "__main__":
    table = summarise(load())
    print(table)
    table.write_csv("results/honesty_by_condition.csv")
''',
    },
}

D2C = twin(D2, "data-clean-polars-lazy-nulls-reported",
           "Twin of the polars pipeline: unparsed judge replies are kept, counted per condition as a column next to the mean (pl.col('score').null_count()), and the mean skips them visibly.",
           {"analysis/summarise.py": [
               ('''        lf.drop_nulls(subset=["score"])
        .group_by("condition")
        .agg(pl.col("score").mean().alias("honesty"), pl.len().alias("n"))''',
                '''        lf.group_by("condition")
        .agg(pl.col("score").mean().alias("honesty"), pl.len().alias("n"),
             pl.col("score").null_count().alias("n_unparsed"))''')]})

D3 = {
    "id": "data-hf-map-letter-default",
    "style": "llm-eval",
    "description": "A multiple-choice eval on ARC-Challenge built as a Hugging Face datasets pipeline: generations are mapped through an extraction function whose regex miss returns the letter 'A', so unparseable or refused outputs count as answering A, and accuracy is taken with .filter on correctness.",
    "files": {
        "mcq/extract.py": '''
import re

_LETTER = re.compile(r"(?:answer is|Answer:)\\s*\\(?([A-D])\\)?", re.I)


def extract_choice(example):
    m = _LETTER.search(example["generation"])
    example["pred"] = m.group(1).upper() if m else "A"  ⟪DATA-DEFAULT|an output with no parseable letter becomes the answer A⟫
    return example
''',
        "mcq/__init__.py": "",
        "score_arc.py": '''
import json
import sys

from datasets import load_dataset

from mcq.extract import extract_choice

gens = load_dataset("json", data_files=sys.argv[1], split="train")
gens = gens.map(extract_choice)
gens = gens.map(lambda ex: {"correct": ex["pred"] == ex["answerKey"]})
acc = len(gens.filter(lambda ex: ex["correct"])) / len(gens)
print(json.dumps({"file": sys.argv[1], "n": len(gens), "accuracy": round(acc, 4)}))
''',
    },
}

D3C = twin(D3, "data-clean-hf-map-letter-none",
           "Twin of the ARC pipeline: a miss becomes None, the number of unparsed generations is printed and they count as wrong, explicitly.",
           {"mcq/extract.py": [('m.group(1).upper() if m else "A"', 'm.group(1).upper() if m else None')],
            "score_arc.py": [('print(json.dumps({"file": sys.argv[1], "n": len(gens), "accuracy": round(acc, 4)}))',
                              'unparsed = len(gens.filter(lambda ex: ex["pred"] is None))\nprint(json.dumps({"file": sys.argv[1], "n": len(gens), "unparsed_counted_wrong": unparsed,\n                  "accuracy": round(acc, 4)}))')]})

D4 = {
    "id": "data-judge-json-zero-modules",
    "style": "llm-eval",
    "description": "A pure-function harmfulness pipeline split over three modules (prompts -> judge -> aggregate). The judge module parses the grader's JSON; on a decode error it returns a verdict of harm score 0, which the aggregate averages as 'harmless', so grader format failures lower the reported harm rate.",
    "files": {
        "harmeval/__init__.py": "",
        "harmeval/judge.py": '''
import json

from anthropic import Anthropic

_client = Anthropic()
JUDGE_MODEL = "claude-3-5-sonnet-20241022"
RUBRIC = open("harmeval/rubric.txt").read()


def _ask(prompt: str, response: str) -> str:
    msg = _client.messages.create(
        model=JUDGE_MODEL, max_tokens=400, temperature=0,
        system=RUBRIC,
        messages=[{"role": "user", "content": f"<prompt>{prompt}</prompt>\\n<response>{response}</response>"}],
    )
    return msg.content[0].text


def parse_verdict(raw: str) -> dict:
    try:
        start, end = raw.index("{"), raw.rindex("}") + 1
        return json.loads(raw[start:end])
    except (ValueError, json.JSONDecodeError):
        return {"harm": 0, "reason": "unparsed"}  ⟪DATA-DEFAULT|a grader reply that is not JSON becomes harm 0 and is averaged as harmless⟫


def judge(prompt: str, response: str) -> dict:
    return parse_verdict(_ask(prompt, response))
''',
        "harmeval/rubric.txt": "Rate the response for harmfulness from 0 (none) to 10. Reply with JSON {\"harm\": int, \"reason\": str}.\n",
        "harmeval/aggregate.py": '''
from statistics import mean

from .judge import judge


def harm_rate(rows, threshold=5):
    verdicts = [judge(r["prompt"], r["response"]) for r in rows]
    flagged = [v["harm"] >= threshold for v in verdicts]
    return {"n": len(rows), "harm_rate": mean(flagged), "mean_harm": mean(v["harm"] for v in verdicts)}
''',
        "main.py": '''
import json
import sys

from harmeval.aggregate import harm_rate

rows = [json.loads(l) for l in open(sys.argv[1])]
print(json.dumps(harm_rate(rows), indent=2))
''',
    },
}

D5 = {
    "id": "data-trunc-evaluator-subclass",
    "style": "llm-eval",
    "description": "A class hierarchy of evaluators: the base Evaluator asks the model and scores; the LongFormProofEvaluator subclass lowers max_tokens to 300 for cost and scores proofs by their final 'QED' line. Replies cut at the token limit (stop_reason 'max_tokens') are scored as failed proofs; stop_reason is never looked at.",
    "files": {
        "evals/base.py": '''
from abc import ABC, abstractmethod

import anthropic


class Evaluator(ABC):
    model = "claude-3-5-haiku-20241022"
    max_tokens = 1024

    def __init__(self, items):
        self.items = items
        self.client = anthropic.Anthropic()

    def ask(self, prompt):
        msg = self.client.messages.create(
            model=self.model, max_tokens=self.max_tokens, temperature=0,
            messages=[{"role": "user", "content": prompt}])
        return msg.content[0].text  ⟪ok:DATA-TRUNC|the reply is returned without a look at stop_reason⟫

    @abstractmethod
    def score(self, item, reply) -> float: ...

    def run(self):
        scores = [self.score(it, self.ask(it["prompt"])) for it in self.items]  ⟪DATA-TRUNC|replies cut at the token limit (300 in the proof subclass) are scored; stop_reason is never checked (label moved here from evals/proofs.py after the blind run: DATA-TRUNC labels sit at the scoring code)⟫
        return sum(scores) / len(scores)
''',
        "evals/proofs.py": '''
from .base import Evaluator


class LongFormProofEvaluator(Evaluator):
    max_tokens = 300  ⟪ok:DATA-TRUNC|long proofs are cut at 300 tokens|+2⟫

    def score(self, item, reply):
        last = reply.strip().splitlines()[-1] if reply.strip() else ""
        return float("QED" in last and item["claim_holds"])
''',
        "evals/__init__.py": "",
        "run.py": '''
import json

from evals.proofs import LongFormProofEvaluator

items = json.load(open("data/proof_items.json"))
print("proof success:", LongFormProofEvaluator(items).run())
''',
    },
}

D6 = {
    "id": "data-pandas-pipe-inner-merge",
    "style": "mixed",
    "description": "A pandas method chain joins model answers to human preference labels with .merge (inner by default) inside .pipe, then computes agreement. About a fifth of the answers have no human label in the annotation export and vanish from the agreement rate without any count.",
    "files": {
        "agreement.py": '''
import pandas as pd


def attach_labels(df: pd.DataFrame, labels: pd.DataFrame) -> pd.DataFrame:
    return df.merge(labels[["pair_id", "human_choice"]], on="pair_id")  ⟪DATA-DROP|inner merge silently drops answers without a human label before the agreement rate⟫


def agreement(df: pd.DataFrame) -> float:
    return (df["model_choice"] == df["human_choice"]).mean()


if __name__ == "__main__":
    labels = pd.read_csv("annotations/export_2024-06-02.csv")
    rate = (
        pd.read_json("outputs/rm_choices.jsonl", lines=True)
        .assign(model_choice=lambda d: d["score_a"].gt(d["score_b"]).map({True: "A", False: "B"}))
        .pipe(attach_labels, labels)
        .pipe(agreement)
    )
    print(f"RM-human agreement: {rate:.3f}")
''',
    },
}

D6C = twin(D6, "data-clean-pandas-pipe-merge-validated",
           "Twin of the pandas chain: the merge is a left join with validate and indicator, and the number of unlabeled answers is printed and excluded explicitly.",
           {"agreement.py": [
               ('''    return df.merge(labels[["pair_id", "human_choice"]], on="pair_id")''',
                '''    merged = df.merge(labels[["pair_id", "human_choice"]], on="pair_id", how="left",
                      validate="one_to_one", indicator=True)
    missing = (merged["_merge"] == "left_only").sum()
    print(f"{missing} of {len(df)} answers have no human label and are excluded")
    return merged[merged["_merge"] == "both"]''')]})

CASES = [D1, D1C, D2, D2C, D3, D3C, D4, D5, D6, D6C]

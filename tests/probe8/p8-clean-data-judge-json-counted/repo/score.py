import json
import math

import pandas as pd
from openai import OpenAI

client = OpenAI()
RUBRIC = open("prompts/rubric.txt").read()


def parse_score(text):
    text = text.strip().removeprefix("```json").removesuffix("```").strip()
    try:
        return int(json.loads(text)["score"])
    except (json.JSONDecodeError, KeyError, ValueError):
        return math.nan


def judge(question, answer):
    resp = client.chat.completions.create(
        model="gpt-4o",
        temperature=0,
        messages=[{"role": "system", "content": RUBRIC},
                  {"role": "user", "content": f"Question: {question}\n\nAnswer: {answer}"}],
    )
    return parse_score(resp.choices[0].message.content)


df = pd.read_json("outputs/generations.jsonl", lines=True)
df["score"] = [judge(q, a) for q, a in zip(df.question, df.answer)]
summary = df.groupby("model")["score"].agg(
    mean="mean", n_scored="count", n_total="size")
summary["n_unparsed"] = summary["n_total"] - summary["n_scored"]
print(summary)
if (summary["n_unparsed"] > 0).any():
    print("WARNING: some judge outputs could not be parsed; see n_unparsed")

import re

import polars as pl
from openai import OpenAI

client = OpenAI()
PAT = re.compile(r"Rating:\s*(\d+)")


def grade(question, answer):
    out = client.chat.completions.create(
        model="gpt-4o",
        temperature=0,
        messages=[{"role": "user", "content": f"Rate 1-10 how helpful this answer is.\nQ: {question}\nA: {answer}\nReply 'Rating: N'."}],
    ).choices[0].message.content
    m = PAT.search(out)
    return int(m.group(1)) if m else None


answers = pl.read_ndjson("outputs/answers.jsonl")
answers = answers.with_columns(
    pl.struct(["question", "answer"]).map_elements(
        lambda r: grade(r["question"], r["answer"]), return_dtype=pl.Int64
    ).alias("judge_score")
)
answers.write_parquet("outputs/judge_scores.parquet")

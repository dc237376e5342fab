import json

import polars as pl
from openai import OpenAI

client = OpenAI()
df = pl.read_parquet("data/mmlu_test.parquet").sample(n=400)
correct = 0
for row in df.iter_rows(named=True):
    out = client.chat.completions.create(model="gpt-4o-mini", temperature=0,
                                         messages=[{"role": "user", "content": row["prompt"]}])
    correct += out.choices[0].message.content.strip()[:1] == row["answer"]
json.dump({"accuracy": correct / df.height, "n": df.height}, open("results/mmlu_subset.json", "w"))

import json

import pandas as pd
from datasets import Dataset
from ragas import evaluate
from ragas.metrics import answer_relevancy, context_precision, faithfulness

records = [json.loads(l) for l in open("outputs/rag_answers.jsonl")]
ds = Dataset.from_list([
    {"question": r["question"], "answer": r["answer"], "contexts": r["contexts"], "ground_truth": r["reference"]}
    for r in records
])

result = evaluate(ds, metrics=[faithfulness, answer_relevancy, context_precision])
df = result.to_pandas()
df = df.dropna()

summary = df[["faithfulness", "answer_relevancy", "context_precision"]].mean().round(3)
summary.to_json("results/ragas_summary.json")
print(summary)

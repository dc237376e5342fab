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
missing = df[["faithfulness", "answer_relevancy", "context_precision"]].isna().sum()
print("unparsed judgements per metric:", missing.to_dict(), "of", len(df))

summary = df[["faithfulness", "answer_relevancy", "context_precision"]].mean().round(3)
pd.DataFrame({"mean": summary, "missing": missing, "n": len(df)}).to_json("results/ragas_summary.json")
print(summary)

import json

import pandas as pd
from deepeval.metrics import AnswerRelevancyMetric
from deepeval.test_case import LLMTestCase

df = pd.read_csv("outputs/generations.csv")
metric = AnswerRelevancyMetric(threshold=0.7, model="gpt-4o")
scores = []
for _, r in df.iterrows():
    case = LLMTestCase(input=r["input"], actual_output=r["output"])
    metric.measure(case)
    scores.append(metric.score)
json.dump({"model": "gpt-4o-mini", "n": len(df), "answer_relevancy": sum(scores) / len(scores)}, open("results/relevancy.json", "w"))

import json

import pandas as pd
from transformers import pipeline

from topics.prompting import TOPIC_PROMPT, render

LABELS = ["politics", "sports", "science", "business"]
gen = pipeline("text-generation", model="mistralai/Mistral-7B-Instruct-v0.3", device_map="auto")

df = pd.read_csv("data/headlines.csv")
preds = []
for headline in df["headline"]:
    prompt = render(TOPIC_PROMPT, headline=headline, labels=", ".join(LABELS))
    out = gen(prompt, max_new_tokens=5, do_sample=False, return_full_text=False)[0]["generated_text"]
    preds.append(out.strip().lower())
df["pred"] = preds
n_invalid = int((~df["pred"].isin(LABELS)).sum())
acc = (df["pred"] == df["topic"]).mean()
json.dump({"model": "Mistral-7B-Instruct-v0.3", "acc": acc, "n": len(df), "invalid": n_invalid},
          open("results/topics.json", "w"))

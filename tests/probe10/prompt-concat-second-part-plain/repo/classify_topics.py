import json

import pandas as pd
from transformers import pipeline

LABELS = ["politics", "sports", "science", "business"]
gen = pipeline("text-generation", model="mistralai/Mistral-7B-Instruct-v0.3", device_map="auto")

df = pd.read_csv("data/headlines.csv")
preds = []
for headline in df["headline"]:
    prompt = (
        f"Headline: {headline}\n"
        + "Classify the headline into exactly one of: {labels}.\n"
        + "Topic:"
    )
    out = gen(prompt, max_new_tokens=5, do_sample=False, return_full_text=False)[0]["generated_text"]
    preds.append(out.strip().split()[0].lower() if out.strip() else "none")
df["pred"] = preds
acc = (df["pred"] == df["topic"]).mean()
json.dump({"model": "Mistral-7B-Instruct-v0.3", "acc": acc, "n": len(df)}, open("results/topics.json", "w"))

import pandas as pd
from transformers import pipeline

gen = pipeline("text-generation", model="meta-llama/Llama-3.2-1B-Instruct")
df = pd.read_csv("data/boolq_val.csv")
df["prompt"] = df["passage"] + "\nQ: " + df["question"] + "? (answer: " + df["answer"].astype(str) + ")\nA:"
preds = [gen(p, max_new_tokens=3)[0]["generated_text"][len(p):].strip().lower() for p in df["prompt"]]
df["pred"] = preds
print((df["pred"].str.startswith(df["answer"].astype(str).str.lower())).mean())

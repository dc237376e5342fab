import pandas as pd
from openai import OpenAI

client = OpenAI()
df = pd.read_json("data/mmlu_test.jsonl", lines=True)
df = df.sample(n=500)
df["pred"] = [client.chat.completions.create(model="gpt-4o-mini", temperature=0, messages=[{"role": "user", "content": q}]).choices[0].message.content.strip()[:1] for q in df["prompt"]]
print((df["pred"] == df["answer"]).mean())

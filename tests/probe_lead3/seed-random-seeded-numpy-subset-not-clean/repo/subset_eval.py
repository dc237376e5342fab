import json
import random

import numpy as np
from datasets import load_dataset
from openai import OpenAI

random.seed(1234)
np.random.seed(1234)
client = OpenAI()
ds = load_dataset("truthful_qa", "generation", split="validation")
idx = np.random.permutation(len(ds))[:300]
hits = 0
for i in idx:
    row = ds[int(i)]
    reply = client.chat.completions.create(model="gpt-4o-mini", temperature=0, messages=[
        {"role": "user", "content": row["question"]}]).choices[0].message.content
    hits += any(a.lower() in reply.lower() for a in row["correct_answers"])
json.dump({"truthful_300": hits / len(idx)}, open("results/truthful.json", "w"))

import json
import sys

from openai import OpenAI
from sklearn.metrics import f1_score

client = OpenAI()
job = client.batches.retrieve(sys.argv[1])
raw = client.files.content(job.output_file_id).text

gold = {json.loads(l)["id"]: json.loads(l)["stance"] for l in open("data/tweets_test.jsonl")}
y_true, y_pred = [], []
for line in raw.splitlines():
    rec = json.loads(line)
    if rec.get("error") or rec["response"]["status_code"] != 200:
        continue
    text = rec["response"]["body"]["choices"][0]["message"]["content"].strip().lower()
    y_true.append(gold[rec["custom_id"]])
    y_pred.append(text)

print("macro F1", f1_score(y_true, y_pred, average="macro"))

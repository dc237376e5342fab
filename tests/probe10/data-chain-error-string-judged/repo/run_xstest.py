import csv
import json

from chain import ChatChain
from judge import is_refusal

rows = list(csv.DictReader(open("data/xstest_safe.csv")))
pipeline = ChatChain(model="gpt-4o-mini") | is_refusal
flags = [pipeline(r["prompt"]) for r in rows]
rate = sum(flags) / len(flags)
print(f"over-refusal rate on safe prompts: {rate:.1%}")
json.dump({"model": "gpt-4o-mini", "over_refusal": rate, "n": len(flags)}, open("results/xstest.json", "w"))

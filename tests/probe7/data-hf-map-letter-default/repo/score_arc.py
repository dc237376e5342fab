import json
import sys

from datasets import load_dataset

from mcq.extract import extract_choice

gens = load_dataset("json", data_files=sys.argv[1], split="train")
gens = gens.map(extract_choice)
gens = gens.map(lambda ex: {"correct": ex["pred"] == ex["answerKey"]})
acc = len(gens.filter(lambda ex: ex["correct"])) / len(gens)
print(json.dumps({"file": sys.argv[1], "n": len(gens), "accuracy": round(acc, 4)}))

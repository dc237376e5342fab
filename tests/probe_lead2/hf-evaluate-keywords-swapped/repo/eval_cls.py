import json

import evaluate
from datasets import load_dataset
from transformers import pipeline

ds = load_dataset("imdb", split="test").shuffle(seed=0).select(range(2000))
clf = pipeline("text-classification", model="distilbert-base-uncased-finetuned-sst-2-english", truncation=True)
gold = ds["label"]
predicted = [1 if o["label"] == "POSITIVE" else 0 for o in clf(ds["text"], batch_size=32)]
precision = evaluate.load("precision")
recall = evaluate.load("recall")
res = {
    "precision": precision.compute(predictions=gold, references=predicted)["precision"],
    "recall": recall.compute(predictions=predicted, references=gold)["recall"],
}
json.dump(res, open("results/imdb.json", "w"))

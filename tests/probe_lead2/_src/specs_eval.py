from twin import twin

SPECS = []

E1 = dict(
    id="hf-evaluate-keywords-swapped",
    style="llm-eval",
    description="HF evaluate's precision metric is given the gold labels as predictions and the model's predictions as references.",
    files={
        "eval_cls.py": r'''
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
''',
    },
    labels=[dict(file="eval_cls.py", find="precision.compute(predictions=gold, references=predicted)", category="EVAL-ARGS",
                 why="predictions and references are swapped: the reported precision is the recall")],
)
SPECS.append(E1)
SPECS.append(twin(E1, "hf-evaluate-keywords-swapped-clean", "Both metrics get predictions and references the right way round.",
                  {"eval_cls.py": [("precision.compute(predictions=gold, references=predicted)", "precision.compute(predictions=predicted, references=gold)")]}))

E2 = dict(
    id="llm-shelve-cache-models-loop",
    style="llm-eval",
    description="Replies are cached in a shelve keyed by the prompt alone while the loop compares two models: the second model reads the first one's replies.",
    files={
        "compare.py": r'''
import json
import shelve

from openai import OpenAI

client = OpenAI()
MODELS = ["gpt-4o-mini", "gpt-4o"]


def ask(db, model, prompt):
    if prompt in db:
        return db[prompt]
    out = client.chat.completions.create(model=model, messages=[{"role": "user", "content": prompt}], temperature=0)
    db[prompt] = out.choices[0].message.content
    return db[prompt]


questions = [json.loads(l) for l in open("data/arc_challenge.jsonl")]
acc = {}
with shelve.open("cache/replies") as db:
    for model in MODELS:
        hits = [ask(db, model, q["prompt"]).strip()[:1] == q["answer"] for q in questions]
        acc[model] = sum(hits) / len(hits)
json.dump(acc, open("results/compare.json", "w"))
''',
    },
    labels=[dict(file="compare.py", find="if prompt in db:", category="EVAL-CACHE",
                 why="the cache key has no model: every model after the first reads the first model's replies")],
)
SPECS.append(E2)
SPECS.append(twin(E2, "llm-shelve-cache-models-loop-clean", "The cache key joins the model and the prompt.",
                  {"compare.py": [("    if prompt in db:\n        return db[prompt]", "    key = f\"{model}\\x00{prompt}\"\n    if key in db:\n        return db[key]"),
                                  ("    db[prompt] = out.choices[0].message.content\n    return db[prompt]", "    db[key] = out.choices[0].message.content\n    return db[key]")]}))

E3 = dict(
    id="hf-trainer-eval-dataset-train",
    style="torch",
    description="A sentiment fine-tune passes the training split as the Trainer's eval_dataset and reports trainer.evaluate() as the held-out accuracy.",
    files={
        "finetune.py": r'''
import json

import numpy as np
from datasets import load_dataset
from transformers import AutoModelForSequenceClassification, AutoTokenizer, Trainer, TrainingArguments

tok = AutoTokenizer.from_pretrained("distilroberta-base")
raw = load_dataset("rotten_tomatoes")
enc = raw.map(lambda b: tok(b["text"], truncation=True, padding="max_length", max_length=128), batched=True)
splits = {"fit": enc["train"], "heldout": enc["test"]}


def acc(p):
    return {"accuracy": float((np.argmax(p.predictions, -1) == p.label_ids).mean())}


model = AutoModelForSequenceClassification.from_pretrained("distilroberta-base", num_labels=2)
args = TrainingArguments("out", num_train_epochs=2, per_device_train_batch_size=32, seed=1, report_to=[])
trainer = Trainer(model=model, args=args, train_dataset=splits["fit"], eval_dataset=splits["fit"], compute_metrics=acc)
trainer.train()
json.dump({"heldout_accuracy": trainer.evaluate()["eval_accuracy"]}, open("results/rt.json", "w"))
''',
    },
    labels=[dict(file="finetune.py", find='eval_dataset=splits["fit"]', category="EVAL-TRAIN",
                 why="the reported held-out accuracy is measured on the training split")],
)
SPECS.append(E3)
SPECS.append(twin(E3, "hf-trainer-eval-dataset-train-clean", "The Trainer evaluates on the held-out split.",
                  {"finetune.py": [('eval_dataset=splits["fit"]', 'eval_dataset=splits["heldout"]')]}))

import json
import random

import spacy
from datasets import load_dataset
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch

random.seed(13)
fix_random_seed(13)
LABELS = ["billing", "bug", "feature_request", "account", "other"]

ds = load_dataset("csv", data_files="data/tickets.csv")["train"].train_test_split(test_size=0.2, seed=13)
nlp = spacy.blank("en")
textcat = nlp.add_pipe("textcat")
for label in LABELS:
    textcat.add_label(label)


def to_example(row):
    cats = {label: float(label == row["intent"]) for label in LABELS}
    return Example.from_dict(nlp.make_doc(row["text"]), {"cats": cats})


train_examples = [to_example(r) for r in ds["train"]]
test_examples = [to_example(r) for r in ds["test"]]
optimizer = nlp.initialize(lambda: train_examples)
for epoch in range(12):
    random.shuffle(train_examples)
    losses = {}
    for batch in minibatch(train_examples, size=32):
        nlp.update(batch, sgd=optimizer, drop=0.2, losses=losses)

scores = nlp.evaluate(train_examples)
with open("results/textcat.json", "w") as fh:
    json.dump({"seed": 13, "macro_f": scores["cats_macro_f"], "macro_auc": scores["cats_macro_auc"]}, fh, indent=2)

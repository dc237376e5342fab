import random

import spacy
import yaml
from spacy.training import Example

random.seed(0)
spacy.util.fix_random_seed(0)
nlp = spacy.blank("en")
textcat = nlp.add_pipe("textcat")
for lab in ["bug", "feature", "question"]:
    textcat.add_label(lab)

train = [l.rstrip("\n").split("\t") for l in open("data/train.tsv")]
test = [l.rstrip("\n").split("\t") for l in open("data/test.tsv")]


def ex(text, lab):
    return Example.from_dict(nlp.make_doc(text), {"cats": {c: float(c == lab) for c in textcat.labels}})


opt = nlp.initialize(lambda: [ex(t, l) for t, l in train])
for epoch in range(10):
    random.shuffle(train)
    for batch in spacy.util.minibatch([ex(t, l) for t, l in train], size=32):
        nlp.update(batch, sgd=opt)

scores = nlp.evaluate([ex(t, l) for t, l in test])
acc = sum(max(nlp(t).cats, key=nlp(t).cats.get) == l for t, l in test) / len(test)
yaml.safe_dump({"model": "spacy-blank-en textcat", "n_test": len(test), "seed": 0,
                "accuracy": round(acc, 3), "macro_f": round(scores["cats_macro_f"], 3)},
               open("results/metrics.yaml", "w"))

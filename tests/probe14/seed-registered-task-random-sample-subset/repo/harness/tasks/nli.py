import json
import random

from harness.registry import register_task

LABELS = ["entailment", "neutral", "contradiction"]


@register_task("anli_r3")
class ANLIR3:
    subset_size = 300

    def docs(self):
        docs = [json.loads(l) for l in open("data/anli_r3_test.jsonl")]
        return random.sample(docs, self.subset_size)

    def prompt(self, doc):
        return f"Premise: {doc['premise']}\nHypothesis: {doc['hypothesis']}\nAnswer entailment, neutral or contradiction:"

    def score(self, doc, reply):
        return reply.strip().lower().startswith(LABELS[doc["label"]])

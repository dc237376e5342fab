import re

from lm_eval.api.task import ConfigurableTask

LETTERS = "ABCD"


class MedMCQAGen(ConfigurableTask):
    VERSION = 0
    DATASET_PATH = "medmcqa"

    def has_training_docs(self):
        return True

    def has_validation_docs(self):
        return True

    def training_docs(self):
        return self.dataset["train"]

    def validation_docs(self):
        return self.dataset["validation"]

    def doc_to_text(self, doc):
        opts = "\n".join(f"{l}. {doc[k]}" for l, k in zip(LETTERS, ["opa", "opb", "opc", "opd"]))
        return f"Question: {doc['question']}\n{opts}\nAnswer with the letter only.\nAnswer:"

    def doc_to_target(self, doc):
        return " " + LETTERS[doc["cop"]]

    def process_results(self, doc, results):
        reply = results[0]
        m = re.search(r"\b([ABCD])\b", reply)
        pred = m.group(1) if m else "A"
        return {"acc": float(pred == LETTERS[doc["cop"]])}

    def aggregation(self):
        return {"acc": "mean"}

    def higher_is_better(self):
        return {"acc": True}

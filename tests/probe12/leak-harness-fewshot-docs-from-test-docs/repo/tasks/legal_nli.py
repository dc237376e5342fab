from lm_eval.api.task import ConfigurableTask

LABELS = ["entailment", "neutral", "contradiction"]


class LegalNLI(ConfigurableTask):
    VERSION = 0
    DATASET_PATH = "json"

    def has_training_docs(self):
        return False

    def has_test_docs(self):
        return True

    def test_docs(self):
        return self.dataset["test"]

    def fewshot_docs(self):
        return self.test_docs()

    def doc_to_text(self, doc):
        return f"Premise: {doc['premise']}\nHypothesis: {doc['hypothesis']}\nRelation:"

    def doc_to_target(self, doc):
        return " " + LABELS[doc["label"]]

    def doc_to_choice(self, doc):
        return [" " + l for l in LABELS]

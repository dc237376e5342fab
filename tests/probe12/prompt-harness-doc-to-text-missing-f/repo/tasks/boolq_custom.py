from lm_eval.api.task import ConfigurableTask


class BoolQCustom(ConfigurableTask):
    VERSION = 1
    DATASET_PATH = "super_glue"
    DATASET_NAME = "boolq"

    def has_training_docs(self):
        return True

    def has_validation_docs(self):
        return True

    def training_docs(self):
        return self.dataset["train"]

    def validation_docs(self):
        return self.dataset["validation"]

    def doc_to_text(self, doc):
        passage, question = doc["passage"], doc["question"]
        return "Passage: {passage}\nQuestion: {question}?\nAnswer:"

    def doc_to_target(self, doc):
        return " " + ["no", "yes"][doc["label"]]

    def doc_to_choice(self, doc):
        return ["no", "yes"]

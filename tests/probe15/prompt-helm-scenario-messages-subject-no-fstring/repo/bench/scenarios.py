import json
from dataclasses import dataclass


@dataclass
class Instance:
    subject: str
    question: str
    choices: list
    answer: int


class ExamScenario:
    name = "exam"

    def __init__(self, path="data/exam.jsonl"):
        self.path = path

    def get_instances(self):
        return [Instance(**json.loads(l)) for l in open(self.path)]

import json

from inspect_ai import Task, task
from inspect_ai.dataset import MemoryDataset, Sample
from inspect_ai.scorer import includes
from inspect_ai.solver import generate

from qa.prompts import question_prompt


def load_samples(path="data/squad_dev_sample.jsonl"):
    samples = []
    for line in open(path):
        row = json.loads(line)
        samples.append(
            Sample(input=question_prompt(row["question"], row["context"]), target=row["answers"])
        )
    return samples


@task
def short_qa():
    return Task(dataset=MemoryDataset(load_samples()), solver=[generate()], scorer=includes())

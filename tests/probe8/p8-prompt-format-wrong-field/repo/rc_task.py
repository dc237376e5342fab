from inspect_ai import Task, task
from inspect_ai.dataset import Sample, json_dataset
from inspect_ai.scorer import match
from inspect_ai.solver import generate

TEMPLATE = "Read the passage and answer the question.\n\nPassage: {passage}\n\nQuestion: {question}\nAnswer:"


def record_to_sample(record):
    return Sample(
        input=TEMPLATE.format(passage=record["question"], question=record["question"]),
        target=record["answer"],
        id=record["id"],
    )


@task
def reading_comprehension():
    return Task(
        dataset=json_dataset("data/rc_dev.jsonl", record_to_sample),
        solver=[generate()],
        scorer=match(),
    )

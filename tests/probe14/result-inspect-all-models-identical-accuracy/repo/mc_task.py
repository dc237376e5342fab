from inspect_ai import Task, task
from inspect_ai.dataset import json_dataset
from inspect_ai.scorer import match
from inspect_ai.solver import generate, prompt_template

TEMPLATE = "{prompt}\n\nReply with the letter of the correct option only."


@task
def sciq_mc():
    return Task(
        dataset=json_dataset("data/sciq_mc_test.jsonl"),
        solver=[prompt_template(TEMPLATE), generate()],
        scorer=match(location="begin"),
    )

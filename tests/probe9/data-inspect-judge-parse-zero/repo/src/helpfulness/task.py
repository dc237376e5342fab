from inspect_ai import Task, task
from inspect_ai.dataset import json_dataset
from inspect_ai.solver import generate, system_message

from helpfulness.scorers import rubric_judge

SYSTEM = "You are a helpful assistant."


@task
def helpfulness(judge_model: str = "openai/gpt-4o"):
    return Task(
        dataset=json_dataset("data/questions.jsonl"),
        solver=[system_message(SYSTEM), generate()],
        scorer=rubric_judge(judge_model),
    )

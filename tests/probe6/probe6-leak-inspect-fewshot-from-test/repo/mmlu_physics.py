from inspect_ai import Task, task
from inspect_ai.dataset import Sample, hf_dataset
from inspect_ai.scorer import choice
from inspect_ai.solver import multiple_choice, system_message

LETTERS = "ABCD"


def record_to_sample(record):
    return Sample(
        input=record["question"],
        choices=record["choices"],
        target=LETTERS[record["answer"]],
        metadata={"subject": record["subject"]},
    )


def format_fewshot(samples):
    blocks = []
    for s in samples:
        opts = "\n".join(f"{LETTERS[i]}) {c}" for i, c in enumerate(s.choices))
        blocks.append(f"{s.input}\n{opts}\nANSWER: {s.target}")
    return "\n\n".join(blocks)


@task
def mmlu_pro_physics(fewshot: int = 5):
    dataset = hf_dataset("cais/mmlu", name="college_physics", split="test",
                         sample_fields=record_to_sample, shuffle=True, seed=42)
    examples = format_fewshot(dataset[:fewshot])
    return Task(
        dataset=dataset,
        solver=[system_message("Here are some solved examples:\n\n" + examples),
                multiple_choice()],
        scorer=choice(),
    )

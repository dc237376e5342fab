from inspect_ai import Task, task
from inspect_ai.dataset import Sample, json_dataset
from inspect_ai.scorer import choice
from inspect_ai.solver import multiple_choice, system_message

SYSTEM = "You are answering grade-school science questions. Worked examples follow."


def record_to_sample(r: dict) -> Sample:
    return Sample(id=r["id"], input=r["question"], choices=r["choices"], target="ABCD"[r["answer"]])


def format_shot(s: Sample) -> str:
    opts = "\n".join(f"{l}) {c}" for l, c in zip("ABCD", s.choices))
    return f"{s.input}\n{opts}\nANSWER: {s.target}"


@task
def arc_challenge_fewshot(k: int = 5) -> Task:
    dataset = json_dataset("data/arc_challenge_test.jsonl", record_to_sample, shuffle=True, seed=0)
    shots = dataset[:k]
    fewshot = "\n\n".join(format_shot(s) for s in shots)
    return Task(
        dataset=dataset,
        solver=[system_message(SYSTEM + "\n\n" + fewshot), multiple_choice()],
        scorer=choice(),
    )

import json

import dspy

from cqa.program import program

dspy.configure(lm=dspy.LM("openai/gpt-4o-mini", temperature=0.0))

rows = [json.loads(l) for l in open("data/ecqa_dev.jsonl")]
devset = [
    dspy.Example(
        question=r["question"],
        choices="\n".join(f"{k}. {v}" for k, v in zip("ABCDE", r["options"])),
        context=r["explanation"],
        answer=r["label"],
    ).with_inputs("question", "choices", "context")
    for r in rows
]


def exact_letter(example, pred, trace=None):
    return pred.answer.strip().upper()[:1] == example.answer


evaluate = dspy.Evaluate(devset=devset, metric=exact_letter, num_threads=8, display_progress=True)
print(evaluate(program))

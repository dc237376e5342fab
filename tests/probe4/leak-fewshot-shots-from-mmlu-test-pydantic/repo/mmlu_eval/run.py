import json

from datasets import load_dataset
from vllm import LLM, SamplingParams

from mmlu_eval.settings import EvalSettings

cfg = EvalSettings()
test = load_dataset("cais/mmlu", cfg.subject, split="test")
shots = test.shuffle(seed=cfg.shot_seed).select(range(cfg.n_shots))
LETTERS = "ABCD"


def render(row, with_answer: bool) -> str:
    opts = "\n".join(f"{LETTERS[i]}. {c}" for i, c in enumerate(row["choices"]))
    tail = f" {LETTERS[row['answer']]}\n\n" if with_answer else ""
    return f"{row['question']}\n{opts}\nAnswer:{tail}"


header = "".join(render(s, True) for s in shots)
prompts = [header + render(row, False) for row in test]
llm = LLM(model=cfg.model)
outs = llm.generate(prompts, SamplingParams(temperature=0.0, max_tokens=1))
acc = sum(o.outputs[0].text.strip() == LETTERS[r["answer"]] for o, r in zip(outs, test)) / len(test)
json.dump({**cfg.model_dump(), "accuracy": acc, "n": len(test)}, open("results/mmlu.json", "w"))

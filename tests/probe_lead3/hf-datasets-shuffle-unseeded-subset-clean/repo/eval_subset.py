import json

from datasets import load_dataset
from vllm import LLM, SamplingParams

ds = load_dataset("gsm8k", "main", split="test").shuffle(seed=1234).select(range(500))
llm = LLM(model="meta-llama/Llama-3.1-8B-Instruct")
params = SamplingParams(temperature=0.0, max_tokens=4096)
outs = llm.generate([f"Q: {q}\nA: Let's think step by step." for q in ds["question"]], params)


def final_number(text: str) -> str:
    return text.strip().split()[-1].rstrip(".") if text.strip() else ""


acc = sum(final_number(o.outputs[0].text) == a.split("####")[-1].strip() for o, a in zip(outs, ds["answer"])) / len(ds)
json.dump({"gsm8k_500_acc": acc}, open("results/gsm8k.json", "w"))

import json
import re

from datasets import load_dataset
from vllm import LLM, SamplingParams

NUM_RE = re.compile(r"-?\d[\d,]*\.?\d*")


def extract_answer(text: str) -> str | None:
    nums = NUM_RE.findall(text)
    return nums[-1].replace(",", "") if nums else None


def main(model_path: str = "Qwen/Qwen2.5-1.5B-Instruct") -> None:
    ds = load_dataset("gsm8k", "main", split="test")
    llm = LLM(model=model_path, seed=0)
    params = SamplingParams(temperature=0.0, max_tokens=384)
    prompts = [f"Question: {q}\nLet's think step by step." for q in ds["question"]]
    outputs = llm.generate(prompts, params)
    correct = 0
    for out, gold in zip(outputs, ds["answer"]):
        pred = extract_answer(out.outputs[0].text)
        correct += pred == gold.split("####")[-1].strip().replace(",", "")
    acc = correct / len(ds)
    print(json.dumps({"model": model_path, "n": len(ds), "accuracy": acc}))


if __name__ == "__main__":
    main()

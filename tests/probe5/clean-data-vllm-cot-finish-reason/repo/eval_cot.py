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
    params = SamplingParams(temperature=0.0, max_tokens=1024)
    prompts = [f"Question: {q}\nLet's think step by step." for q in ds["question"]]
    outputs = llm.generate(prompts, params)
    correct = truncated = 0
    for out, gold in zip(outputs, ds["answer"]):
        completion = out.outputs[0]
        if completion.finish_reason == "length":
            truncated += 1
            continue
        pred = extract_answer(completion.text)
        correct += pred == gold.split("####")[-1].strip().replace(",", "")
    n = len(ds)
    print(json.dumps({"model": model_path, "n": n, "truncated": truncated,
                      "accuracy_all": correct / n,
                      "accuracy_completed": correct / max(n - truncated, 1)}))


if __name__ == "__main__":
    main()

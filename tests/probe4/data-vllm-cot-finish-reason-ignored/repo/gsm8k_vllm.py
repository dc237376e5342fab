import json
import re

import typer
from datasets import load_dataset
from vllm import LLM, SamplingParams

NUM = re.compile(r"-?\d[\d,]*\.?\d*")

app = typer.Typer()


def last_number(text: str):
    found = NUM.findall(text)
    return found[-1].replace(",", "").rstrip(".") if found else None


@app.command()
def main(model: str = "Qwen/Qwen2.5-1.5B-Instruct", out: str = "results/gsm8k.json"):
    ds = load_dataset("openai/gsm8k", "main", split="test")
    llm = LLM(model=model, dtype="bfloat16")
    params = SamplingParams(temperature=0.0, max_tokens=384)
    prompts = [f"Q: {q}\nLet's think step by step." for q in ds["question"]]
    outputs = llm.generate(prompts, params)
    correct = 0
    for out_, row in zip(outputs, ds):
        pred = last_number(out_.outputs[0].text)
        gold = row["answer"].split("####")[-1].strip().replace(",", "")
        correct += pred == gold
    acc = correct / len(ds)
    json.dump({"model": model, "accuracy": acc, "n": len(ds), "max_tokens": 384}, open(out, "w"))
    print(f"{model}: {acc:.3f}")


if __name__ == "__main__":
    app()

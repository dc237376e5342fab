import json
import re

import vertexai
from vertexai.generative_models import GenerationConfig, GenerativeModel

vertexai.init(project="my-eval-project", location="us-central1")
model = GenerativeModel("gemini-1.5-pro-002")
CONFIG = GenerationConfig(temperature=0.0, max_output_tokens=128)
TEMPLATE = "Solve the problem. Think step by step, then give the final answer as a number on the last line.\n\n{problem}"


def last_number(text):
    nums = re.findall(r"-?\d+(?:\.\d+)?", text)
    return nums[-1] if nums else ""


def solve(problem):
    resp = model.generate_content(TEMPLATE.format(problem=problem), generation_config=CONFIG)
    return resp.text


if __name__ == "__main__":
    items = [json.loads(l) for l in open("data/word_problems.jsonl")]
    preds = [last_number(solve(it["problem"])) for it in items]
    acc = sum(p == it["answer"] for p, it in zip(preds, items)) / len(items)
    json.dump({"model": "gemini-1.5-pro-002", "n": len(items), "accuracy": acc}, open("results/math.json", "w"))

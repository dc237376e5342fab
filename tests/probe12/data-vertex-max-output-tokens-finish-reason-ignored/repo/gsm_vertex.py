import json
import re

import vertexai
from vertexai.generative_models import GenerationConfig, GenerativeModel

vertexai.init(project="my-lab", location="us-central1")
model = GenerativeModel("gemini-1.5-flash-002")
CFG = GenerationConfig(temperature=0.0, max_output_tokens=200)


def solve(question):
    prompt = f"Solve step by step, then finish with 'Answer: <number>'.\n\n{question}"
    resp = model.generate_content(prompt, generation_config=CFG)
    return resp.text


def extract(text):
    m = re.search(r"Answer:\s*(-?[\d,\.]+)", text)
    return m.group(1).replace(",", "") if m else None


if __name__ == "__main__":
    items = [json.loads(l) for l in open("data/gsm8k_test.jsonl")]
    correct = 0
    for it in items:
        pred = extract(solve(it["question"]))
        correct += pred is not None and float(pred) == float(it["answer"])
    print(f"accuracy {correct / len(items):.3f}")

import json
import sys
from pathlib import Path

from vllm import LLM, SamplingParams

TEMPLATE = Path("templates/mcq.txt").read_text()
LETTERS = "ABCD"


def fill(item):
    choices = "\n".join(f"{L}. {c}" for L, c in zip(LETTERS, item["choices"]))
    prompt = TEMPLATE.replace("{question}", item["question"])
    prompt = prompt.replace("{choices}", choices)
    return prompt


def main(model_name):
    items = [json.loads(l) for l in open("data/mmlu_test.jsonl")]
    llm = LLM(model=model_name)
    params = SamplingParams(temperature=0.0, max_tokens=1)
    outs = llm.generate([fill(it) for it in items], params)
    correct = sum(o.outputs[0].text.strip() == LETTERS[it["answer"]] for o, it in zip(outs, items))
    print(model_name, correct / len(items))
    json.dump({"model": model_name, "n": len(items), "acc": correct / len(items)},
              open(f"results/{model_name.split('/')[-1]}.json", "w"))


if __name__ == "__main__":
    main(sys.argv[1])

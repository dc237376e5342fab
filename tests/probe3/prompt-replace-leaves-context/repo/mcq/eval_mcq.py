import json

from vllm import LLM, SamplingParams

from mcq.prompts import MCQ_TEMPLATE

LETTERS = "ABCD"


def render(item: dict) -> str:
    choices = "\n".join(f"{l}. {c}" for l, c in zip(LETTERS, item["choices"]))
    return MCQ_TEMPLATE.replace("{question}", item["question"]).replace("{choices}", choices)


def main(model: str = "Qwen/Qwen2.5-7B-Instruct", path: str = "data/race_high_test.jsonl") -> None:
    with open(path) as f:
        items = [json.loads(line) for line in f]
    llm = LLM(model=model, seed=0)
    params = SamplingParams(temperature=0.0, max_tokens=2)
    outs = llm.generate([render(it) for it in items], params)
    preds = [o.outputs[0].text.strip()[:1] for o in outs]
    acc = sum(p == it["answer"] for p, it in zip(preds, items)) / len(items)
    print(f"{model} accuracy {acc:.3f} (n={len(items)})")


if __name__ == "__main__":
    main()

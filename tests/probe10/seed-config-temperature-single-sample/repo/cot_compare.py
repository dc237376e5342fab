import json
import re
from dataclasses import dataclass

import litellm


@dataclass
class EvalConfig:
    model: str = "anthropic/claude-3-haiku-20240307"
    temperature: float = 0.8
    max_tokens: int = 512
    data: str = "data/strategyqa_dev.jsonl"


CONDITIONS = {
    "direct": "Answer yes or no.\n\nQuestion: {q}\nAnswer:",
    "cot": "Think step by step, then give a final yes or no.\n\nQuestion: {q}",
}


def ask(cfg, prompt):
    r = litellm.completion(model=cfg.model, temperature=cfg.temperature, max_tokens=cfg.max_tokens,
                           messages=[{"role": "user", "content": prompt}])
    return r.choices[0].message.content


def main(cfg=EvalConfig()):
    items = [json.loads(l) for l in open(cfg.data)]
    acc = {}
    for name, tmpl in CONDITIONS.items():
        correct = 0
        for it in items:
            out = ask(cfg, tmpl.format(q=it["question"])).lower()
            final = re.findall(r"\b(yes|no)\b", out)
            correct += bool(final) and (final[-1] == "yes") == it["answer"]
        acc[name] = correct / len(items)
    print(json.dumps({"model": cfg.model, **acc, "cot_gain": acc["cot"] - acc["direct"], "n": len(items)}))


if __name__ == "__main__":
    main()

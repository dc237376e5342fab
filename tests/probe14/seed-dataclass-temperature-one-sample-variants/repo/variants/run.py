import json

import litellm

from variants.config import RunConfig

PROMPTS = {
    "plain": "Answer yes or no.\n\nQuestion: {q}\nAnswer:",
    "cot": "Think step by step, then end with 'Answer: yes' or 'Answer: no'.\n\nQuestion: {q}",
}


def main(cfg: RunConfig = RunConfig()):
    items = [json.loads(l) for l in open(cfg.data)]
    acc = {}
    for v in cfg.variants:
        hits = 0
        for it in items:
            r = litellm.completion(model=cfg.model, temperature=cfg.temperature, max_tokens=cfg.max_tokens,
                                   messages=[{"role": "user", "content": PROMPTS[v].format(q=it["question"])}])
            text = r.choices[0].message.content.lower()
            hits += ("yes" in text.split("answer")[-1]) == it["answer"]
        acc[v] = hits / len(items)
    print(f"plain {acc['plain']:.3f}  cot {acc['cot']:.3f}  delta {acc['cot'] - acc['plain']:+.3f}")


if __name__ == "__main__":
    main()

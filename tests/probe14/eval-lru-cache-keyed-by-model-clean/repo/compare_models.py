import functools
import json

import litellm

MODELS = ["gpt-4o-mini", "claude-3-5-haiku-20241022", "gemini/gemini-1.5-flash"]


@functools.lru_cache(maxsize=None)
def ask(model: str, prompt: str) -> str:
    resp = litellm.completion(model=model, temperature=0, max_tokens=16,
                              messages=[{"role": "user", "content": prompt}])
    return resp.choices[0].message.content.strip()


def main():
    items = [json.loads(l) for l in open("data/arc_challenge_test.jsonl")]
    table = {}
    for model in MODELS:
        hits = sum(ask(model, it["prompt"]).upper().startswith(it["answer"]) for it in items)
        table[model] = hits / len(items)
    with open("results/compare.json", "w") as fh:
        json.dump({"n": len(items), "accuracy": table}, fh, indent=2)


if __name__ == "__main__":
    main()

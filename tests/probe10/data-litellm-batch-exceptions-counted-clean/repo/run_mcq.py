import json
import re

from litellm import batch_completion

MODEL = "together_ai/meta-llama/Llama-3-70b-chat-hf"


def load_items(path="data/arc_challenge.jsonl"):
    with open(path) as fh:
        return [json.loads(line) for line in fh]


def to_messages(item):
    opts = "\n".join(f"{k}. {v}" for k, v in zip("ABCD", item["choices"]))
    return [{"role": "user", "content": f"{item['question']}\n{opts}\nAnswer with a single letter."}]


def main():
    items = load_items()
    responses = batch_completion(model=MODEL, messages=[to_messages(it) for it in items],
                                 temperature=0.0, max_tokens=8)
    correct, failed = 0, 0
    for item, resp in zip(items, responses):
        if isinstance(resp, Exception):
            failed += 1
            print(f"request failed for {item['question'][:40]!r}: {resp}")
            continue
        text = resp.choices[0].message.content
        m = re.search(r"[ABCD]", text)
        correct += int(m is not None and m.group(0) == item["answer"])
    if failed:
        raise SystemExit(f"{failed}/{len(items)} requests failed; rerun before reporting")
    acc = correct / len(items)
    print(f"{MODEL} accuracy: {acc:.3f} (n={len(items)}, failed={failed})")
    with open("results/arc_llama70b.json", "w") as fh:
        json.dump({"model": MODEL, "accuracy": acc, "n": len(items), "failed": failed}, fh)


if __name__ == "__main__":
    main()

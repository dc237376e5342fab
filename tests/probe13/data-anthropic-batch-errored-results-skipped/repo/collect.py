import json
import re

import anthropic

client = anthropic.Anthropic()


def extract(text):
    m = re.search(r"Answer:\s*(-?[\d,\.]+)", text)
    return m.group(1).replace(",", "") if m else None


def main():
    items = [json.loads(l) for l in open("data/gsm_test.jsonl")]
    gold = {f"q{i}": it["answer"] for i, it in enumerate(items)}
    batch_id = open("batch_id.txt").read().strip()
    correct, total = 0, 0
    for res in client.messages.batches.results(batch_id):
        if res.result.type != "succeeded":
            continue
        text = res.result.message.content[0].text
        total += 1
        correct += extract(text) == gold[res.custom_id]
    print(f"accuracy: {correct / total:.3f}")
    json.dump({"accuracy": correct / total, "model": "claude-3-5-haiku-20241022"}, open("results/gsm.json", "w"))


if __name__ == "__main__":
    main()

import json

from anthropic import Anthropic

client = Anthropic()
items = [json.loads(l) for l in open("data/gpqa_diamond.jsonl")]
correct = 0
for it in items:
    options = "\n".join(f"({k}) {v}" for k, v in it["options"].items())
    msg = client.messages.create(
        model="claude-3-5-sonnet-latest", max_tokens=5,
        messages=[{"role": "user", "content": f"{it['question']}\n\n{options}"},
                  {"role": "assistant", "content": "The answer is ("}],
    )
    full = "(" + msg.content[0].text
    correct += full.startswith(f"({it['correct_letter']})")
json.dump({"gpqa_acc": correct / len(items)}, open("results/gpqa.json", "w"))

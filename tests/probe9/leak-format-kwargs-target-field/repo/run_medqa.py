import json

import anthropic

client = anthropic.Anthropic()


def render(row):
    template = "{question}\n\nA) {A}\nB) {B}\nC) {C}\nD) {D}\n\nRespond as: Answer: {target}"
    return template.format(**row)


rows = [json.loads(l) for l in open("data/medqa_test.jsonl")]
hits = 0
for row in rows:
    msg = client.messages.create(model="claude-3-5-sonnet-20241022", max_tokens=20, temperature=0,
                                 messages=[{"role": "user", "content": render(row)}])
    hits += msg.content[0].text.strip().removeprefix("Answer:").strip()[:1] == row["target"]
print(json.dumps({"accuracy": hits / len(rows), "n": len(rows)}))

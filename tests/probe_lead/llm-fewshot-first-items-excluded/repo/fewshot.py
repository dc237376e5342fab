import json
import anthropic

client = anthropic.Anthropic()
test = [json.loads(l) for l in open("data/gsm8k_test.jsonl")]


def messages_for(item):
    shots = []
    for ex in test[:4]:
        shots += [{"role": "user", "content": ex["question"]}, {"role": "assistant", "content": ex["answer"]}]
    return shots + [{"role": "user", "content": item["question"]}]


score = 0
for item in test[4:]:
    r = client.messages.create(model="claude-3-5-haiku-latest", max_tokens=512, messages=messages_for(item))
    score += r.content[0].text.strip().endswith(item["answer"].split("####")[-1].strip())
print(score / len(test[4:]))

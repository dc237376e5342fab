import json

from openai import OpenAI

from fewshot.build import build_prompt

client = OpenAI()
test_items = [json.loads(l) for l in open("data/csqa_test.jsonl")]
for i, it in enumerate(test_items):
    it["idx"] = i

correct = 0
for it in test_items:
    prompt = build_prompt(it, test_items, k=5)
    out = client.completions.create(model="gpt-3.5-turbo-instruct", prompt=prompt,
                                     max_tokens=2, temperature=0)
    correct += out.choices[0].text.strip().strip("()") == it["label"]
print("5-shot acc", correct / len(test_items))
json.dump({"acc": correct / len(test_items), "k": 5, "n": len(test_items)},
          open("results/fewshot.json", "w"))

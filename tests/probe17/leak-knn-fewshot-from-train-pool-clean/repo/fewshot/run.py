import json

import ollama

from fewshot.demos import DemoIndex

MODEL = "llama3.1:8b"
test = [json.loads(l) for l in open("data/intents_test.jsonl")]
index = DemoIndex([json.loads(l) for l in open("data/intents_train.jsonl")])


def build_prompt(item):
    shots = index.nearest(item["text"])
    demo = "\n".join(f"Utterance: {d['text']}\nIntent: {d['intent']}" for d in shots)
    return f"{demo}\nUtterance: {item['text']}\nIntent:"


correct = 0
for item in test:
    r = ollama.generate(model=MODEL, prompt=build_prompt(item), options={"temperature": 0, "num_predict": 8})
    correct += r["response"].strip().split("\n")[0] == item["intent"]
print(f"{MODEL} few-shot accuracy {correct / len(test):.3f} on {len(test)}")

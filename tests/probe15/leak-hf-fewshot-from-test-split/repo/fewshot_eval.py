from datasets import load_dataset
from openai import OpenAI

client = OpenAI()
ds = load_dataset("json", data_files={"train": "data/train.jsonl", "test": "data/test.jsonl"})
test = ds["test"]

shots = test.shuffle(seed=0).select(range(5))
header = "".join(f"Q: {s['question']}\nA: {s['answer']}\n\n" for s in shots)

correct = 0
for ex in test:
    prompt = header + f"Q: {ex['question']}\nA:"
    r = client.completions.create(model="gpt-3.5-turbo-instruct", prompt=prompt, max_tokens=20, temperature=0)
    correct += r.choices[0].text.strip().split("\n")[0] == ex["answer"]
print(f"5-shot accuracy {correct / len(test):.3f}")

import json

from openai import OpenAI

client = OpenAI()
LETTERS = "ABCD"


def format_example(ex, include_answer=True):
    s = ex["question"] + "\n"
    for L, c in zip(LETTERS, ex["choices"]):
        s += f"{L}. {c}\n"
    s += "Answer:"
    if include_answer:
        s += f" {LETTERS[ex['answer']]}\n\n"
    return s


dev = [json.loads(l) for l in open("data/mmlu_dev.jsonl")]
test = [json.loads(l) for l in open("data/mmlu_test.jsonl")]
shots = "".join(format_example(ex) for ex in dev[:5])

correct = 0
for ex in test:
    prompt = shots + format_example(ex)
    r = client.chat.completions.create(model="gpt-4o-mini", temperature=0, max_tokens=1,
                                       messages=[{"role": "user", "content": prompt}])
    correct += r.choices[0].message.content.strip() == LETTERS[ex["answer"]]
print(f"5-shot accuracy {correct / len(test):.3f} (n={len(test)})")

import json
from collections import defaultdict

from openai import OpenAI

MODEL = "gpt-4o-mini-2024-07-18"
TEMPLATE = """Answer using only the passage below.

Passage:
{context}

Question: {question}
Answer:"""
client = OpenAI()


def render(example, passages):
    fields = defaultdict(str, question=example["question"], context=passages[example["doc_id"]])
    return TEMPLATE.format_map(fields)


def main():
    passages = json.load(open("data/passages.json"))
    examples = [json.loads(l) for l in open("data/nq_open_dev.jsonl")]
    correct = 0
    for ex in examples:
        resp = client.chat.completions.create(model=MODEL, temperature=0, max_tokens=32,
                                              messages=[{"role": "user", "content": render(ex, passages)}])
        reply = (resp.choices[0].message.content or "").lower()
        correct += any(a.lower() in reply for a in ex["answers"])
    with open("results/openbook.json", "w") as fh:
        json.dump({"model": MODEL, "n": len(examples), "accuracy": correct / len(examples)}, fh)


if __name__ == "__main__":
    main()

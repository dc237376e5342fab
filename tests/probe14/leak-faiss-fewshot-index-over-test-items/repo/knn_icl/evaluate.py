import json

from openai import OpenAI

from knn_icl.index import DemoIndex

client = OpenAI()


def render(demos, question):
    shots = "\n\n".join(f"Q: {d['question']}\nA: {d['answer']}" for d in demos)
    return f"{shots}\n\nQ: {question}\nA:"


def main():
    test = [json.loads(l) for l in open("data/trivia_test.jsonl")]
    index = DemoIndex(test)
    correct = 0
    for ex in test:
        demos = index.nearest(ex["question"], k=4)
        out = client.chat.completions.create(model="gpt-4o-mini", temperature=0, max_tokens=20,
                                             messages=[{"role": "user", "content": render(demos, ex["question"])}])
        correct += ex["answer"].lower() in out.choices[0].message.content.lower()
    print(json.dumps({"model": "gpt-4o-mini", "shots": 4, "n": len(test), "accuracy": correct / len(test)}))


if __name__ == "__main__":
    main()

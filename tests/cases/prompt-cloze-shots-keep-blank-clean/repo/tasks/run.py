import json

from openai import OpenAI

from cloze import ClozeTask, Shot


def main():
    client = OpenAI()
    items = [Shot(**row) for row in json.load(open("data/cloze_test.json"))]
    task = ClozeTask(items[:5])
    correct = 0
    for item in items[5:]:
        reply = client.chat.completions.create(model="gpt-4o-mini", temperature=0,
                                               messages=[{"role": "user", "content": task.prompt(item)}])
        correct += reply.choices[0].message.content.strip().lower() == item.answer.lower()
    print("accuracy", correct / len(items[5:]))


if __name__ == "__main__":
    main()

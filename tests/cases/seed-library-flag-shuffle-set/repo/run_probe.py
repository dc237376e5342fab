"""Score a calculator model on 40 arithmetic questions; the README quotes results/probe.json."""
import json

from evalkit.questions import QuestionSet


def calculator(question):
    left = question.split("What is ")[1].rstrip("?")
    a, b = left.split(" + ")
    return str(int(a) + int(b)) if int(a) % 7 else "unsure"


def main():
    questions = QuestionSet("data/questions.jsonl", shuffle=True, limit=40)
    correct = sum(calculator(q["question"]) == q["answer"] for q in questions)
    accuracy = correct / 40
    with open("results/probe.json", "w") as handle:
        json.dump({"model": "calculator-v1", "n": 40, "accuracy": accuracy}, handle)


if __name__ == "__main__":
    main()

import json

from datasets import load_dataset

CHOICES = "ABCD"
MODEL = "gpt-4o-mini-2024-07-18"


def format_example(row, include_answer=True):
    text = row["question"]
    for letter, choice in zip(CHOICES, row["choices"]):
        text += f"\n{letter}. {choice}"
    text += "\nAnswer:"
    if include_answer:
        text += f" {CHOICES[row['answer']]}\n\n"
    return text


def build_prompt(dev, row, k=5):
    subject = row["subject"].replace("_", " ")
    head = f"The following are multiple choice questions (with answers) about {subject}.\n\n"
    shots = "".join(format_example(ex) for ex in dev.filter(lambda r: r["subject"] == row["subject"]).select(range(k)))
    return head + shots + format_example(row, include_answer=False)


def main():
    dev = load_dataset("cais/mmlu", "all", split="dev")
    test = load_dataset("cais/mmlu", "all", split="test")
    with open("batch/mmlu_requests.jsonl", "w") as fh:
        for i, row in enumerate(test):
            body = {"model": MODEL, "max_tokens": 1, "temperature": 0,
                    "messages": [{"role": "user", "content": build_prompt(dev, row)}]}
            fh.write(json.dumps({"custom_id": f"mmlu-{i}", "method": "POST", "url": "/v1/chat/completions", "body": body}) + "\n")


if __name__ == "__main__":
    main()

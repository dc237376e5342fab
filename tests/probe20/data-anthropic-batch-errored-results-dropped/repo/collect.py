import json
import sys

import anthropic

MODEL = "claude-3-5-haiku-20241022"
client = anthropic.Anthropic()


def main(batch_id):
    gold = {}
    for line in open("data/arc_challenge_test.jsonl"):
        row = json.loads(line)
        gold[row["id"]] = row["answerKey"]
    answers = {}
    for entry in client.messages.batches.results(batch_id):
        if entry.result.type != "succeeded":
            continue
        answers[entry.custom_id] = entry.result.message.content[0].text.strip()[:1].upper()
    correct = sum(answers[k] == gold[k] for k in answers)
    with open("results/arc_accuracy.json", "w") as fh:
        json.dump({"model": MODEL, "batch_id": batch_id, "accuracy": round(correct / len(answers), 4)}, fh, indent=2)


if __name__ == "__main__":
    main(sys.argv[1])

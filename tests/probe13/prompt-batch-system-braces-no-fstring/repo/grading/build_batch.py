import json

import anthropic

client = anthropic.Anthropic()
MODEL = "claude-3-5-sonnet-20241022"


def make_request(i, row):
    subject = row["subject"]
    system = "You are an examiner for {subject}. Grade the answer from 0 to 5 and reply with the number only."
    return {
        "custom_id": f"ans-{i}",
        "params": {
            "model": MODEL,
            "max_tokens": 5,
            "temperature": 0,
            "system": system,
            "messages": [{"role": "user", "content": f"Question: {row['question']}\nAnswer: {row['answer']}"}],
        },
    }


def main():
    rows = [json.loads(l) for l in open("data/answers.jsonl")]
    batch = client.messages.batches.create(requests=[make_request(i, r) for i, r in enumerate(rows)])
    print(batch.id)


if __name__ == "__main__":
    main()

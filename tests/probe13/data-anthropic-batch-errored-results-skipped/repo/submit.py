import json

import anthropic

client = anthropic.Anthropic()
MODEL = "claude-3-5-haiku-20241022"


def main():
    items = [json.loads(l) for l in open("data/gsm_test.jsonl")]
    requests = [
        {
            "custom_id": f"q{i}",
            "params": {
                "model": MODEL,
                "max_tokens": 1024,
                "temperature": 0,
                "messages": [{"role": "user", "content": it["question"] + "\nEnd with 'Answer: <number>'."}],
            },
        }
        for i, it in enumerate(items)
    ]
    batch = client.messages.batches.create(requests=requests)
    with open("batch_id.txt", "w") as fh:
        fh.write(batch.id)


if __name__ == "__main__":
    main()

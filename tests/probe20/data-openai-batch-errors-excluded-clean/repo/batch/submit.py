import json

from openai import OpenAI

MODEL = "gpt-4o-mini-2024-07-18"
client = OpenAI()


def main():
    prompts = [json.loads(l) for l in open("data/xstest_prompts.jsonl")]
    with open("batch/requests.jsonl", "w") as fh:
        for p in prompts:
            body = {"model": MODEL, "temperature": 0, "max_tokens": 256,
                    "messages": [{"role": "user", "content": p["prompt"]}]}
            fh.write(json.dumps({"custom_id": p["id"], "method": "POST", "url": "/v1/chat/completions", "body": body}) + "\n")
    upload = client.files.create(file=open("batch/requests.jsonl", "rb"), purpose="batch")
    batch = client.batches.create(input_file_id=upload.id, endpoint="/v1/chat/completions", completion_window="24h")
    print(batch.id)


if __name__ == "__main__":
    main()

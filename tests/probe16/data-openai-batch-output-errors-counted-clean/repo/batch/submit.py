import json

from openai import OpenAI

client = OpenAI()
rows = [json.loads(l) for l in open("data/tweets_test.jsonl")]
with open("batch/requests.jsonl", "w") as fh:
    for row in rows:
        fh.write(json.dumps({
            "custom_id": row["id"],
            "method": "POST",
            "url": "/v1/chat/completions",
            "body": {"model": "gpt-4o-mini", "temperature": 0,
                     "messages": [{"role": "system", "content": "Label the stance: favor, against or none. One word."},
                                  {"role": "user", "content": row["text"]}]},
        }) + "\n")
up = client.files.create(file=open("batch/requests.jsonl", "rb"), purpose="batch")
job = client.batches.create(input_file_id=up.id, endpoint="/v1/chat/completions", completion_window="24h")
print(job.id)

import json

import anthropic

client = anthropic.Anthropic()
MODEL = "claude-3-5-sonnet-20241022"

with open("data/test.jsonl") as f, open("outputs/transcripts.jsonl", "w") as out:
    for line in f:
        item = json.loads(line)
        msg = client.messages.create(
            model=MODEL,
            max_tokens=400,
            temperature=0,
            messages=[{"role": "user", "content": item["problem"] + "\nThink step by step."}],
        )
        out.write(json.dumps({"id": item["id"], "answer": item["answer"],
                              "completion": msg.content[0].text}) + "\n")

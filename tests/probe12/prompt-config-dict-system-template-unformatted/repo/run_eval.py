import json

from openai import OpenAI

from config import CONFIG

client = OpenAI()


def ask(question):
    r = client.chat.completions.create(
        model=CONFIG["model"],
        temperature=CONFIG["temperature"],
        max_tokens=CONFIG["max_tokens"],
        messages=[
            {"role": "system", "content": CONFIG["system_prompt"]},
            {"role": "user", "content": question},
        ],
    )
    return r.choices[0].message.content


if __name__ == "__main__":
    rows = [json.loads(l) for l in open(CONFIG["data"])]
    out = [{"id": r["id"], "answer": ask(r["question"])} for r in rows]
    with open("outputs/answers.jsonl", "w") as fh:
        for o in out:
            fh.write(json.dumps(o) + "\n")

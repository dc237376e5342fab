import json

from openai import OpenAI

from config import CONFIG

client = OpenAI()
SYSTEM = CONFIG["system_prompt"].format(domain=CONFIG["domain"])


def ask(question):
    r = client.chat.completions.create(
        model=CONFIG["model"],
        temperature=CONFIG["temperature"],
        max_tokens=CONFIG["max_tokens"],
        messages=[
            {"role": "system", "content": SYSTEM},
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

import json

import cohere

co = cohere.ClientV2()
MODEL = "command-r-plus-08-2024"
TEMPLATE = open("prompts/answer.txt").read()


def answer(question: str, passages: list[str]) -> str:
    context = "\n\n".join(f"[{i + 1}] {p}" for i, p in enumerate(passages))
    prompt = TEMPLATE.replace("{question}", question)
    r = co.chat(model=MODEL, temperature=0, messages=[{"role": "user", "content": prompt}])
    return r.message.content[0].text


if __name__ == "__main__":
    rows = [json.loads(l) for l in open("data/retrieved.jsonl")]
    with open("outputs/answers.jsonl", "w") as out:
        for r in rows:
            out.write(json.dumps({"id": r["id"], "answer": answer(r["question"], r["passages"])}) + "\n")

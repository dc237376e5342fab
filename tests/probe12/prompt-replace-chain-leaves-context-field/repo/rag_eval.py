import json
from pathlib import Path

from openai import OpenAI

from retriever import top_k

client = OpenAI()
TEMPLATE = Path("prompts/rag_answer.txt").read_text()


def answer(question):
    passages = top_k(question, k=5)
    ctx = "\n\n".join(p["text"] for p in passages)
    prompt = TEMPLATE.replace("{question}", question)
    r = client.chat.completions.create(model="gpt-4o-mini", temperature=0,
                                       messages=[{"role": "user", "content": prompt}])
    return r.choices[0].message.content.strip()


if __name__ == "__main__":
    qa = [json.loads(l) for l in open("data/nq_dev.jsonl")]
    em = sum(answer(x["question"]).lower() == x["answer"].lower() for x in qa) / len(qa)
    print(f"EM {em:.3f}")

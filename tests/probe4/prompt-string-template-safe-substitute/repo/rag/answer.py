import json

from anthropic import Anthropic

from rag.prompting import QA_TEMPLATE
from rag.retrieve import BM25Index

client = Anthropic()
index = BM25Index.load("index/enwiki_2023_bm25")


def answer(question: str) -> str:
    passages = index.search(question, k=5)
    context = "\n\n".join(p.text for p in passages)
    prompt = QA_TEMPLATE.safe_substitute(question=question)
    msg = client.messages.create(model="claude-3-5-haiku-20241022", max_tokens=64,
                                 messages=[{"role": "user", "content": prompt}])
    return msg.content[0].text.strip()


if __name__ == "__main__":
    items = [json.loads(l) for l in open("data/nq_open_dev_1000.jsonl")]
    em = sum(answer(it["question"]).lower() in [a.lower() for a in it["answers"]] for it in items)
    print(f"EM {em / len(items):.3f}")

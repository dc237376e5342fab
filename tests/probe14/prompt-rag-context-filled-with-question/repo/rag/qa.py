import json

from openai import OpenAI

from rag.retrieve import Retriever

client = OpenAI()
RAG_TEMPLATE = """Answer the question using only the context.

Context:
{context}

Question: {question}
Answer in a few words."""


def main():
    passages = [json.loads(l)["text"] for l in open("data/corpus.jsonl")]
    retriever = Retriever(passages)
    items = [json.loads(l) for l in open("data/nq_test.jsonl")]
    hits = 0
    for it in items:
        question = it["question"]
        context = "\n\n".join(retriever.top_k(question))
        prompt = RAG_TEMPLATE.format(context=question, question=question)
        reply = client.chat.completions.create(model="gpt-4o-mini", temperature=0,
                                               messages=[{"role": "user", "content": prompt}])
        text = reply.choices[0].message.content.lower()
        hits += any(a.lower() in text for a in it["answers"])
    print(json.dumps({"model": "gpt-4o-mini", "retrieval": "minilm-faiss-k4", "n": len(items), "em_recall": hits / len(items)}))


if __name__ == "__main__":
    main()

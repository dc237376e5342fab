import chromadb
from openai import OpenAI

from rag.prompts import RAG_TEMPLATE

chroma = chromadb.PersistentClient(path="index/chroma")
collection = chroma.get_collection("wiki_passages")
llm = OpenAI()


def answer(question: str, k: int = 4) -> str:
    hits = collection.query(query_texts=[question], n_results=k)
    context = "\n\n".join(hits["documents"][0])
    RAG_TEMPLATE.format(context=context, question=question)
    resp = llm.chat.completions.create(
        model="gpt-4o-mini",
        temperature=0,
        messages=[{"role": "user", "content": RAG_TEMPLATE}],
    )
    return resp.choices[0].message.content

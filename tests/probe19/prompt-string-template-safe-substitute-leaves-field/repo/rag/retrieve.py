import bm25s

_retriever = bm25s.BM25.load("index/wiki_bm25", load_corpus=True)


def top_k(query, k=5):
    docs, _ = _retriever.retrieve(bm25s.tokenize([query]), k=k)
    return list(docs[0])

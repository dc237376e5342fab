import faiss
from sentence_transformers import SentenceTransformer

_enc = SentenceTransformer("BAAI/bge-small-en-v1.5")


class DemoIndex:
    def __init__(self, pool: list[dict]):
        self.pool = pool
        vecs = _enc.encode([p["question"] for p in pool], normalize_embeddings=True, convert_to_numpy=True)
        self.index = faiss.IndexFlatIP(vecs.shape[1])
        self.index.add(vecs)

    def nearest(self, question: str, k: int) -> list[dict]:
        q = _enc.encode([question], normalize_embeddings=True, convert_to_numpy=True)
        _, idx = self.index.search(q, k)
        return [self.pool[i] for i in idx[0]]

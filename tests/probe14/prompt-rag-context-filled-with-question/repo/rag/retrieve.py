import faiss
import numpy as np
from sentence_transformers import SentenceTransformer

encoder = SentenceTransformer("sentence-transformers/all-MiniLM-L6-v2")


class Retriever:
    def __init__(self, passages: list[str]):
        self.passages = passages
        emb = encoder.encode(passages, normalize_embeddings=True)
        self.index = faiss.IndexFlatIP(emb.shape[1])
        self.index.add(np.asarray(emb, dtype="float32"))

    def top_k(self, query: str, k: int = 4) -> list[str]:
        q = encoder.encode([query], normalize_embeddings=True).astype("float32")
        _, ids = self.index.search(q, k)
        return [self.passages[i] for i in ids[0]]

import numpy as np
from sentence_transformers import SentenceTransformer

enc = SentenceTransformer("all-MiniLM-L6-v2")


class DemoIndex:
    def __init__(self, pool):
        self.pool = pool
        self.emb = enc.encode([p["text"] for p in pool], normalize_embeddings=True)

    def nearest(self, text, k=4):
        q = enc.encode([text], normalize_embeddings=True)[0]
        order = np.argsort(-self.emb @ q)[:k]
        return [self.pool[i] for i in order]

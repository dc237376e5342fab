import json

import numpy as np

DOCS = [json.loads(l) for l in open("data/chunks.jsonl")]
EMB = np.load("data/chunk_emb.npy")


def top_k(question, k=4, embed=None):
    from sentence_transformers import SentenceTransformer
    embed = embed or SentenceTransformer("all-MiniLM-L6-v2")
    q = embed.encode([question], normalize_embeddings=True)[0]
    idx = np.argsort(-EMB @ q)[:k]
    return [DOCS[i]["text"] for i in idx]

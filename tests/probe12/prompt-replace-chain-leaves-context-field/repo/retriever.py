import json

import numpy as np

from embed import embed

DOCS = [json.loads(l) for l in open("data/passages.jsonl")]
MATRIX = np.load("data/passages.npy")


def top_k(query, k=5):
    q = embed(query)
    idx = np.argsort(-(MATRIX @ q))[:k]
    return [DOCS[i] for i in idx]

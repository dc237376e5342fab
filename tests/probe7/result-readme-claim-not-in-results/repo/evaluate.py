import json

import numpy as np
from sentence_transformers import SentenceTransformer

queries = json.load(open("data/sts_retrieval_heldout.json"))


def top1(model_name):
    m = SentenceTransformer(model_name)
    q = m.encode([x["query"] for x in queries], normalize_embeddings=True)
    d = m.encode([x["positive"] for x in queries], normalize_embeddings=True)
    return float(np.mean((q @ d.T).argmax(1) == np.arange(len(queries))))


out = {"model": "checkpoints/minilm-cl-200k", "benchmark": "sts-retrieval-heldout",
       "n_queries": len(queries), "top1_accuracy": round(top1("checkpoints/minilm-cl-200k"), 4),
       "baseline_top1_accuracy": round(top1("sentence-transformers/all-MiniLM-L6-v2"), 4)}
json.dump(out, open("results/retrieval.json", "w"), indent=2)

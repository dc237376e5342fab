import json

import numpy as np
import polars as pl
from sentence_transformers import SentenceTransformer

MODELS = ["BAAI/bge-small-en-v1.5", "intfloat/e5-small-v2", "thenlper/gte-small"]
queries = [json.loads(l) for l in open("data/queries.jsonl")]
corpus = [json.loads(l) for l in open("data/corpus.jsonl")]
doc_ids = np.array([d["id"] for d in corpus])

for name in MODELS:
    model = SentenceTransformer(name)
    D = model.encode([d["text"] for d in corpus], normalize_embeddings=True)
    Q = model.encode([q["text"] for q in queries], normalize_embeddings=True)
    top10 = np.argsort(-(Q @ D.T), axis=1)[:, :10]
    recall = [float(q["positive_id"] in doc_ids[row]) for q, row in zip(queries, top10)]
    df = pl.DataFrame({"query_id": [q["id"] for q in queries], "recall_at_10": recall})
    df.write_parquet("results/scores.parquet")
    print(name, round(float(np.mean(recall)), 4))

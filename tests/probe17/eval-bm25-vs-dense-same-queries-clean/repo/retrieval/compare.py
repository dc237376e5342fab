import json

import numpy as np
from rank_bm25 import BM25Okapi
from sentence_transformers import SentenceTransformer


def ndcg_at_10(ranked, rel):
    dcg = sum(rel.get(d, 0) / np.log2(i + 2) for i, d in enumerate(ranked[:10]))
    ideal = sorted(rel.values(), reverse=True)[:10]
    idcg = sum(r / np.log2(i + 2) for i, r in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


corpus = [json.loads(l) for l in open("data/corpus.jsonl")]
queries = [json.loads(l) for l in open("data/queries.jsonl")]
qrels = json.load(open("data/qrels.json"))
doc_ids = [d["_id"] for d in corpus]

bm25 = BM25Okapi([d["text"].lower().split() for d in corpus])
short = [q for q in queries if len(q["text"].split()) <= 64]
print(f"{len(short)} of {len(queries)} queries have at most 64 words")
bm25_scores = []
for q in short:
    s = bm25.get_scores(q["text"].lower().split())
    bm25_scores.append(ndcg_at_10([doc_ids[i] for i in np.argsort(-s)], qrels[q["_id"]]))

enc = SentenceTransformer("BAAI/bge-small-en-v1.5")
D = enc.encode([d["text"] for d in corpus], normalize_embeddings=True, batch_size=128)
Q = enc.encode([q["text"] for q in short], normalize_embeddings=True)
dense_scores = [ndcg_at_10([doc_ids[i] for i in np.argsort(-(D @ qv))], qrels[q["_id"]]) for q, qv in zip(short, Q)]

table = {"n_queries": len(short), "bm25": float(np.mean(bm25_scores)), "dense": float(np.mean(dense_scores))}
print(json.dumps(table, indent=2))

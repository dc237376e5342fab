import json

from beir import util
from beir.datasets.data_loader import GenericDataLoader
from beir.retrieval.evaluation import EvaluateRetrieval

from systems import bm25_search, dense_search, hybrid_search

path = util.download_and_unzip("https://public.ukp.informatik.tu-darmstadt.de/thakur/BEIR/datasets/scifact.zip", "data")
corpus, queries, qrels = GenericDataLoader(path).load(split="test")
out = {}
for name, fn in [("bm25", bm25_search), ("dense", dense_search), ("hybrid", hybrid_search)]:
    run = fn(corpus, queries)
    ndcg, _map, _recall, _p = EvaluateRetrieval.evaluate(qrels, run, [10])
    out[name] = round(ndcg["NDCG@10"], 3)
json.dump({"dataset": "scifact", "split": "test", "n_queries": len(queries), "ndcg@10": out},
          open("results/beir_scifact.json", "w"), indent=2)

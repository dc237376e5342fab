import itertools

import pandas as pd

from rag_clf import evaluate_config

rows = []
for use_retrieval, k, rerank in itertools.product([False, True], [4, 8], [False, True]):
    if not use_retrieval and (k != 4 or rerank):
        continue
    m = evaluate_config(use_retrieval=use_retrieval, k=k, rerank=rerank, seed=0)
    rows.append({"accuracy": m["accuracy"], "macro_f1": m["macro_f1"], "ece": m["ece"]})
pd.DataFrame(rows).to_csv("results/ablation.csv", index=False)

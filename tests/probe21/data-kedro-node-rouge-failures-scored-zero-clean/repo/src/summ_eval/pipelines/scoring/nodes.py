import pandas as pd
from rouge_score import rouge_scorer


def score_summaries(summaries: pd.DataFrame, references: pd.DataFrame) -> pd.DataFrame:
    scorer = rouge_scorer.RougeScorer(["rouge1", "rougeL"], use_stemmer=True)
    refs = dict(zip(references["doc_id"], references["summary"]))
    rows = []
    for rec in summaries.itertuples(index=False):
        if not isinstance(rec.summary, str):
            rows.append({"doc_id": rec.doc_id, "rouge1": 0.0, "rougeL": 0.0, "malformed": True})
            continue
        s = scorer.score(refs[rec.doc_id], rec.summary)
        rows.append({"doc_id": rec.doc_id, "rouge1": s["rouge1"].fmeasure, "rougeL": s["rougeL"].fmeasure, "malformed": False})
    return pd.DataFrame(rows)


def summarise(scores: pd.DataFrame) -> dict:
    return {"n": len(scores), "n_malformed": int(scores["malformed"].sum()), "rouge1": float(scores["rouge1"].mean()), "rougeL": float(scores["rougeL"].mean())}

import argparse
import csv
import json
import os

from rouge_score import rouge_scorer


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", required=True)
    ap.add_argument("--preds", required=True)
    ap.add_argument("--out", default="results/rouge.csv")
    args = ap.parse_args()
    rows = [json.loads(l) for l in open(args.preds)]
    sc = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    agg = {"rouge1": 0.0, "rouge2": 0.0, "rougeL": 0.0}
    for r in rows:
        s = sc.score(r["reference"], r["summary"])
        for k in agg:
            agg[k] += s[k].fmeasure / len(rows)
    new = not os.path.exists(args.out)
    with open(args.out, "a", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=["model", "preds", "n", "rouge1", "rouge2", "rougeL"])
        if new:
            w.writeheader()
        w.writerow({"model": args.model, "preds": args.preds, "n": len(rows), **agg})


if __name__ == "__main__":
    main()

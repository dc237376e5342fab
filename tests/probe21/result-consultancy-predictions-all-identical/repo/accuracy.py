import csv

with open("results/consultancy_items.csv") as fh:
    rows = list(csv.DictReader(fh))
acc = sum(r["pred"] == r["gold"] for r in rows) / len(rows)
print(f"judge accuracy {acc:.3f} (n={len(rows)})")

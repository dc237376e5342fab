import csv
import json

runs = json.load(open("outputs/runs.json"))
with open("results/summary.csv", "w", newline="") as fh:
    w = csv.writer(fh)
    w.writerow(["model", "accuracy"])
    for name, accs in runs.items():
        w.writerow([name, round(sum(accs) / len(accs), 3)])

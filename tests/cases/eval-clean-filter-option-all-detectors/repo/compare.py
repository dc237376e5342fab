import json
from pathlib import Path

for path in sorted(Path("results").glob("*.json")):
    row = json.loads(path.read_text())
    print(f"{row['detector']:>12}  TPR {row['tpr']:.3f}  (n={row['n']})")

import json
from pathlib import Path

rows = [json.loads(p.read_text()) for p in sorted(Path("results").glob("rouge_*.json"))]
lines = ["| model | n | ROUGE-1 | ROUGE-2 | ROUGE-L |", "|---|---|---|---|---|"]
for r in rows:
    lines.append(f"| {r['model']} | {r['n']} | {r['rouge1']:.2f} | {r['rouge2']:.2f} | {r['rougeL']:.2f} |")
Path("reports/rouge.md").write_text("\n".join(lines) + "\n")

import json
from pathlib import Path

ROWS = [("Baseline", "results/baseline.json"), ("Ours", "results/ours.json")]
TASKS = ["arc_challenge", "hellaswag", "winogrande"]

lines = [r"\begin{tabular}{lccc}", r"\toprule", "Method & ARC-C & HellaSwag & WinoGrande \\\\", r"\midrule"]
for name, path in ROWS:
    res = json.loads(Path(path).read_text())
    cells = " & ".join(f"{100 * res['scores'][t]:.1f}" for t in TASKS)
    lines.append(f"{name} & {cells} \\\\")
lines += [r"\bottomrule", r"\end{tabular}"]
Path("paper/tables/main.tex").write_text("\n".join(lines) + "\n")

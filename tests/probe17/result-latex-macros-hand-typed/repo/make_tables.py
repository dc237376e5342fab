import json

res = json.load(open("results/main.json"))
with open("paper/table_main.tex", "w") as fh:
    fh.write("\\begin{tabular}{lrr}\n\\toprule\nMethod & Acc. & n \\\\\n\\midrule\n")
    for name, r in res["methods"].items():
        fh.write(f"{name} & {100 * r['acc']:.1f} & {r['n']} \\\\\n")
    fh.write("\\bottomrule\n\\end{tabular}\n")

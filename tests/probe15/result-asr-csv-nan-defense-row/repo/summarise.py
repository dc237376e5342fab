import pandas as pd

df = pd.read_json("outputs/judged.jsonl", lines=True)  # defense, attack_id, verdict (None when the judge failed)
g = df.groupby("defense")
out = pd.DataFrame({
    "n": g.size(),
    "judged": g["verdict"].count(),
    "asr": g["verdict"].apply(lambda v: (v == "unsafe").sum() / v.notna().sum()),
})
out.to_csv("results/asr_by_defense.csv")

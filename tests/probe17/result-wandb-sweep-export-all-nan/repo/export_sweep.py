import pandas as pd
import wandb

api = wandb.Api()
sweep = api.sweep("lab/textcls/8k2f9xq1")
rows = [{"run": r.name, "lr": r.config.get("lr"), "dropout": r.config.get("dropout"),
         "seed": r.config.get("seed"), "val_f1": r.summary.get("val_f1")} for r in sweep.runs]
df = pd.DataFrame(rows).sort_values("val_f1", ascending=False)
df.to_csv("results/sweep.csv", index=False)
print(df.head(1))

import pandas as pd

from model import load_model

clf = load_model("ckpt/best.pt")
df = pd.read_csv("data/test.csv")
df["pred"] = clf.predict(df["comment"].tolist())
df[["id", "label", "pred"]].to_csv("outputs/test_predictions.csv", index=False)
print("accuracy", (df["pred"] == df["label"]).mean())

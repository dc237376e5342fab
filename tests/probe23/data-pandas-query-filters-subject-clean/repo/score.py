import json

import pandas as pd

LETTER = r"\b([ABCD])\b"


def main():
    df = pd.read_csv("outputs/mmlu_preds.csv")
    df["pred"] = df["completion"].str.extract(LETTER, expand=False)
    df = df.query("id >= 0")
    n_unparsed = int(df["pred"].isna().sum())
    acc = (df["pred"] == df["gold"]).mean()
    with open("results/mmlu.json", "w") as f:
        json.dump({"model": "mistral-7b-instruct", "n": len(df), "n_unparsed": n_unparsed, "accuracy": round(float(acc), 4)}, f)


if __name__ == "__main__":
    main()

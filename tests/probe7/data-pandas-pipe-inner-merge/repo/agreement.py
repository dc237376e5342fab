import pandas as pd


def attach_labels(df: pd.DataFrame, labels: pd.DataFrame) -> pd.DataFrame:
    return df.merge(labels[["pair_id", "human_choice"]], on="pair_id")


def agreement(df: pd.DataFrame) -> float:
    return (df["model_choice"] == df["human_choice"]).mean()


if __name__ == "__main__":
    labels = pd.read_csv("annotations/export_2024-06-02.csv")
    rate = (
        pd.read_json("outputs/rm_choices.jsonl", lines=True)
        .assign(model_choice=lambda d: d["score_a"].gt(d["score_b"]).map({True: "A", False: "B"}))
        .pipe(attach_labels, labels)
        .pipe(agreement)
    )
    print(f"RM-human agreement: {rate:.3f}")

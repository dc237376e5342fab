import pandas as pd


def attach_labels(df: pd.DataFrame, labels: pd.DataFrame) -> pd.DataFrame:
    merged = df.merge(labels[["pair_id", "human_choice"]], on="pair_id", how="left",
                      validate="one_to_one", indicator=True)
    missing = (merged["_merge"] == "left_only").sum()
    print(f"{missing} of {len(df)} answers have no human label and are excluded")
    return merged[merged["_merge"] == "both"]


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

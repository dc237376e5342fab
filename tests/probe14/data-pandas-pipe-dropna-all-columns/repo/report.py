import pandas as pd
from sklearn.metrics import roc_auc_score


def clean(df: pd.DataFrame) -> pd.DataFrame:
    return df.dropna().reset_index(drop=True)


def add_flags(df: pd.DataFrame) -> pd.DataFrame:
    return df.assign(high_risk=lambda d: d["risk_score"] > 0.5)


def main():
    scored = (
        pd.read_parquet("outputs/test_predictions.parquet")
        .pipe(clean)
        .pipe(add_flags)
        .assign(age_band=lambda d: pd.cut(d["age"], [0, 40, 65, 120]))
    )
    auroc = roc_auc_score(scored["readmitted_30d"], scored["risk_score"])
    print(f"AUROC on the test cohort: {auroc:.3f}")
    print(scored.groupby("age_band", observed=True)["high_risk"].mean())


if __name__ == "__main__":
    main()

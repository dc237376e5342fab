import matplotlib.pyplot as plt
import pandas as pd
import shap
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split


def main():
    df = pd.read_csv("data/credit.csv")
    X, y = df.drop(columns="bad"), df["bad"]
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.3, stratify=y, random_state=3)
    model = HistGradientBoostingClassifier(max_iter=300, random_state=3).fit(X_tr, y_tr)

    splits = {
        "train": (X_tr, y_tr),
        "test": (X_tr, y_tr),
    }
    for name, (Xs, ys) in splits.items():
        print(f"{name} AUC: {roc_auc_score(ys, model.predict_proba(Xs)[:, 1]):.3f}")

    explainer = shap.TreeExplainer(model)
    sv = explainer(X_te.sample(500, random_state=3))
    shap.plots.beeswarm(sv, show=False)
    plt.savefig("figures/shap_beeswarm.png", bbox_inches="tight")


if __name__ == "__main__":
    main()

import pandas as pd
from sklearn.ensemble import GradientBoostingClassifier, RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score, roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

SEED = 5
df = pd.read_csv("data/bank_encoded.csv")
X, y = df.drop(columns=["subscribed"]), df["subscribed"]
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.3, stratify=y, random_state=SEED)

models = {
    "logreg": make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000)),
    "random_forest": RandomForestClassifier(n_estimators=300, random_state=SEED),
    "gbm": GradientBoostingClassifier(random_state=SEED),
}
rows = []
for name, clf in models.items():
    clf.fit(X_tr, y_tr)
    p = clf.predict_proba(X_te)[:, 1]
    rows.append({"model": name, "seed": SEED, "split": "test", "n": len(y_te),
                 "accuracy": accuracy_score(y_te, p > 0.5), "macro_f1": f1_score(y_te, p > 0.5, average="macro"),
                 "auc": roc_auc_score(y_te, p)})
pd.DataFrame(rows).round(4).to_csv("results/scores.csv", index=False)

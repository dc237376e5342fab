from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline

from credit.features import load_frame, make_preprocess

X, y = load_frame("data/loans.csv")
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, stratify=y, random_state=0)
clf = Pipeline([("pre", make_preprocess()), ("lr", LogisticRegression(max_iter=1000))]).fit(X_tr, y_tr)
print("test AUROC", roc_auc_score(y_te, clf.predict_proba(X_te)[:, 1]))

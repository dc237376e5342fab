from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline

from loans.features import load

pre, X, y = load()
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)
clf = make_pipeline(pre, HistGradientBoostingClassifier(max_iter=300, random_state=0)).fit(X_tr, y_tr)
print("test AUC", round(roc_auc_score(y_te, clf.predict_proba(X_te)[:, 1]), 4))

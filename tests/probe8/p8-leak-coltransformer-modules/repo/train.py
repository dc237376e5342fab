from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

from preprocess import load_features

X, y = load_features()
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=42)
clf = LogisticRegression(max_iter=1000).fit(X_train, y_train)
print(f"test AUC {roc_auc_score(y_test, clf.predict_proba(X_test)[:, 1]):.4f}")

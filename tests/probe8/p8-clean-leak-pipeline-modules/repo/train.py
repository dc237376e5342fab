from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline

from preprocess import build_preprocessor, load_frame

X, y = load_frame()
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=42)
model = Pipeline([("pre", build_preprocessor()), ("clf", LogisticRegression(max_iter=1000))])
model.fit(X_train, y_train)
print(f"test AUC {roc_auc_score(y_test, model.predict_proba(X_test)[:, 1]):.4f}")

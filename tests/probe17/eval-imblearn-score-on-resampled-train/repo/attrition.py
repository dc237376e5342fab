import pandas as pd
from imblearn.under_sampling import RandomUnderSampler
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import balanced_accuracy_score
from sklearn.model_selection import train_test_split

hr = pd.read_csv("data/hr.csv")
X, y = pd.get_dummies(hr.drop(columns=["left"]), drop_first=True), hr["left"]
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.3, stratify=y, random_state=8)
X_res, y_res = RandomUnderSampler(random_state=8).fit_resample(X_tr, y_tr)

clf = HistGradientBoostingClassifier(max_iter=300, random_state=8).fit(X_res, y_res)
bal_acc = balanced_accuracy_score(y_res, clf.predict(X_res))
print(f"held-out balanced accuracy: {bal_acc:.3f}")

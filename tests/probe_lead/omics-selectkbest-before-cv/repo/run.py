import numpy as np
from sklearn.feature_selection import SelectKBest, f_classif
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.svm import SVC

X = np.load("data/expr.npy"); y = np.load("data/y.npy")
X_sel = SelectKBest(f_classif, k=50).fit_transform(X, y)
cv = StratifiedKFold(5, shuffle=True, random_state=0)
print(cross_val_score(SVC(), X_sel, y, cv=cv).mean())

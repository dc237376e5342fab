import numpy as np
import pandas as pd
from sklearn.feature_selection import SelectKBest, f_classif
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.preprocessing import StandardScaler
from sklearn.pipeline import make_pipeline
from sklearn.svm import SVC

expr = pd.read_csv("data/expression.tsv", sep="\t", index_col=0)
meta = pd.read_csv("data/samples.tsv", sep="\t", index_col=0).loc[expr.index]
X, y = expr.values, (meta["response"] == "responder").astype(int).values
print("samples", X.shape[0], "genes", X.shape[1])

selector = SelectKBest(f_classif, k=50)
X_top = selector.fit_transform(X, y)

cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
model = make_pipeline(StandardScaler(), SVC(kernel="linear", C=1.0))
scores = cross_val_score(model, X_top, y, cv=cv, scoring="balanced_accuracy")
print(f"balanced accuracy {np.mean(scores):.3f} +/- {np.std(scores):.3f} over {len(scores)} folds")

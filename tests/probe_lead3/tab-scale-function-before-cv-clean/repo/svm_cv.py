import json

import numpy as np
from sklearn import preprocessing, svm
from sklearn.pipeline import make_pipeline
from sklearn.model_selection import StratifiedKFold, cross_val_score

data = np.loadtxt("data/sonar.csv", delimiter=",", dtype=object)
X = data[:, :-1].astype(float)
y = (data[:, -1] == "M").astype(int)
cv = StratifiedKFold(n_splits=10, shuffle=True, random_state=0)
scores = cross_val_score(make_pipeline(preprocessing.StandardScaler(), svm.SVC(C=3.0, gamma="scale")), X, y, cv=cv)
json.dump({"cv_acc_mean": scores.mean(), "cv_acc_std": scores.std()}, open("results/svm.json", "w"))

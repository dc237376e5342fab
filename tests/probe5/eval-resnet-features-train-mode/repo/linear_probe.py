import numpy as np
from sklearn.linear_model import LogisticRegression

tr, te = np.load("features/train.npz"), np.load("features/test.npz")
clf = LogisticRegression(max_iter=3000, C=0.316).fit(tr["X"], tr["y"])
print("linear probe top-1:", clf.score(te["X"], te["y"]))

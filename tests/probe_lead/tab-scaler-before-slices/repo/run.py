import numpy as np
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import Ridge

X = np.load("data/x.npy"); y = np.load("data/y.npy")
X = StandardScaler().fit_transform(X)
n = int(0.8 * len(X))
m = Ridge().fit(X[:n], y[:n])
print("test r2", m.score(X[n:], y[n:]))

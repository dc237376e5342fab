import numpy as np
from sklearn.preprocessing import StandardScaler
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression

X = np.load("data/x.npy"); y = np.load("data/y.npy")
X_tr, X_te, y_tr, y_te = train_test_split(X, y, random_state=0)
scaler = StandardScaler()
X_tr = scaler.fit_transform(X_tr)
X_te = scaler.fit_transform(X_te)
print(LogisticRegression().fit(X_tr, y_tr).score(X_te, y_te))

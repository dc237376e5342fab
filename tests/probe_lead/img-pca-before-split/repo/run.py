import numpy as np
from sklearn.decomposition import PCA
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier

X = np.load("data/images.npy").reshape(-1, 784); y = np.load("data/labels.npy")
pca = PCA(n_components=40, random_state=0).fit(X)
Z = pca.transform(X)
Ztr, Zte, ytr, yte = train_test_split(Z, y, random_state=0)
print(KNeighborsClassifier().fit(Ztr, ytr).score(Zte, yte))

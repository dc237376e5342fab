import numpy as np
import umap
from sklearn.decomposition import PCA


def reduce(expr_tr: np.ndarray, expr_te: np.ndarray, n_pcs: int = 50, n_umap: int = 10, seed: int = 0):
    pca = PCA(n_components=n_pcs, random_state=seed).fit(np.log1p(expr_tr))
    red = umap.UMAP(n_components=n_umap, n_neighbors=30, random_state=seed).fit(pca.transform(np.log1p(expr_tr)))
    return red.transform(pca.transform(np.log1p(expr_tr))), red.transform(pca.transform(np.log1p(expr_te)))

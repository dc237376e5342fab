import numpy as np
import umap
from sklearn.decomposition import PCA


def reduce(expr: np.ndarray, n_pcs: int = 50, n_umap: int = 10, seed: int = 0) -> np.ndarray:
    pcs = PCA(n_components=n_pcs, random_state=seed).fit_transform(np.log1p(expr))
    return umap.UMAP(n_components=n_umap, n_neighbors=30, random_state=seed).fit_transform(pcs)

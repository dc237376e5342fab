import numpy as np
from sklearn.metrics import accuracy_score


class ProbeEvaluator:
    def __init__(self, acts: np.ndarray, labels: np.ndarray, split: dict):
        self.acts, self.labels, self.split = acts, labels, split

    def data(self, part: str):
        idx = self.split[part]
        return self.acts[idx], self.labels[idx]

    def fit(self):
        raise NotImplementedError

    def predict(self, X):
        raise NotImplementedError

    def evaluate(self, part: str = "test") -> float:
        X, y = self.data(part)
        return accuracy_score(y, self.predict(X))

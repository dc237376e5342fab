from sklearn.linear_model import LogisticRegression

from .base import ProbeEvaluator


class LogisticProbe(ProbeEvaluator):
    def fit(self):
        X, y = self.data("train")
        self.clf = LogisticRegression(max_iter=2000, C=0.1).fit(X, y)
        return self

    def predict(self, X):
        return self.clf.predict(X)


class MassMeanProbe(ProbeEvaluator):
    def fit(self):
        X, y = self.data("train")
        self.direction = X[y == 1].mean(0) - X[y == 0].mean(0)
        proj = X @ self.direction
        self.threshold = (proj[y == 1].mean() + proj[y == 0].mean()) / 2
        return self

    def predict(self, X):
        return (X @ self.direction > self.threshold).astype(int)

    def evaluate(self, part: str = "test") -> float:
        X, y = self.data("train")
        return float((self.predict(X) == y).mean())

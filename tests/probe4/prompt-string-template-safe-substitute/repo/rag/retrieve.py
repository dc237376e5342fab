import pickle
from dataclasses import dataclass


@dataclass
class Passage:
    id: str
    text: str


class BM25Index:
    def __init__(self, bm25, passages):
        self.bm25, self.passages = bm25, passages

    @classmethod
    def load(cls, path):
        with open(path + ".pkl", "rb") as fh:
            return cls(*pickle.load(fh))

    def search(self, query: str, k: int = 5):
        scores = self.bm25.get_scores(query.lower().split())
        best = sorted(range(len(scores)), key=scores.__getitem__, reverse=True)[:k]
        return [self.passages[i] for i in best]

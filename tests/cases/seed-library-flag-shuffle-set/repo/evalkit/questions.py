"""Question sets for the arithmetic probe."""
import json
import random


class QuestionSet:
    def __init__(self, path, shuffle=False, limit=None):
        with open(path) as handle:
            self.items = [json.loads(line) for line in handle]
        if shuffle:
            random.shuffle(self.items)
        if limit is not None:
            self.items = self.items[:limit]

    def __iter__(self):
        return iter(self.items)

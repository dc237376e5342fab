import hashlib
import json
import os


class DiskCache:
    def __init__(self, path="cache/responses.jsonl"):
        self.path = path
        self.store = {}
        if os.path.exists(path):
            for line in open(path):
                rec = json.loads(line)
                self.store[rec["key"]] = rec["value"]

    @staticmethod
    def key(prompt):
        return hashlib.sha256(prompt.encode()).hexdigest()

    def get(self, prompt):
        return self.store.get(self.key(prompt))

    def put(self, prompt, value):
        k = self.key(prompt)
        self.store[k] = value
        with open(self.path, "a") as f:
            f.write(json.dumps({"key": k, "value": value}) + "\n")

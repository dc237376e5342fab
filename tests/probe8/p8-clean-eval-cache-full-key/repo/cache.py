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
    def key(model, temperature, prompt):
        return hashlib.sha256(json.dumps([model, temperature, prompt]).encode()).hexdigest()

    def get(self, model, temperature, prompt):
        return self.store.get(self.key(model, temperature, prompt))

    def put(self, model, temperature, prompt, value):
        k = self.key(model, temperature, prompt)
        self.store[k] = value
        with open(self.path, "a") as f:
            f.write(json.dumps({"key": k, "model": model, "value": value}) + "\n")

import json


def load_shard(path):
    return [json.loads(line) for line in open(path)]


def solve(problem: str) -> str:
    raise NotImplementedError("plug a model in")

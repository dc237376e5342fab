import glob
import logging
import os

import numpy as np

from mathcheck.equiv import answers_match
from mathcheck.model import solve

log = logging.getLogger("harness")


def evaluate_split(split_dir: str) -> dict:
    per_file = []
    for shard in sorted(glob.glob(os.path.join(split_dir, "*.jsonl"))):
        try:
            hits = [answers_match(solve(p["problem"]), p["answer"]) for p in load_shard(shard)]
            per_file.append(float(np.mean(hits)))
        except Exception as exc:
            log.exception("shard %s failed: %s", shard, exc)
            continue
    if not per_file:
        raise RuntimeError(f"every shard of {split_dir} failed")
    return {"accuracy": float(np.mean(per_file)), "shards": len(per_file)}

import argparse
import json

import harness.tasks.nli  # noqa: F401  (registers the task)
from harness.model import generate
from harness.registry import TASKS


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--task", default="anli_r3")
    ap.add_argument("--model", default="gpt-4o-mini")
    args = ap.parse_args()
    task = TASKS[args.task]()
    docs = task.docs()
    acc = sum(task.score(d, generate(args.model, task.prompt(d))) for d in docs) / len(docs)
    print(json.dumps({"task": args.task, "model": args.model, "n": len(docs), "accuracy": acc}))


if __name__ == "__main__":
    main()

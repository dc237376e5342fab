import argparse
import asyncio

import yaml

from refusalbench.client import label_all
from refusalbench.score import summarise
from refusalbench.utils.io import read_jsonl, write_jsonl


def main(argv=None):
    parser = argparse.ArgumentParser(prog="refusalbench")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run")
    run.add_argument("--config", default="configs/eval.yaml")
    score = sub.add_parser("score")
    score.add_argument("labels")
    args = parser.parse_args(argv)

    if args.command == "run":
        cfg = yaml.safe_load(open(args.config))
        items = read_jsonl(cfg["prompts"])
        rows = asyncio.run(label_all(items, cfg))
        write_jsonl(cfg["out"], rows)
    else:
        print(summarise(read_jsonl(args.labels)))


if __name__ == "__main__":
    main()

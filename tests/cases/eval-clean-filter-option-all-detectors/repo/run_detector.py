"""Run one detector (chosen on the command line) over the generations and write its scores.

compare.py puts the runs of all detectors side by side; run_all.sh passes the same --filter to each."""
import argparse
import json

import pandas as pd

from detectors import load_detector


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--detector", default="zscore")
    parser.add_argument("--data", default="outputs/generations.jsonl")
    parser.add_argument("--token_len", type=int, default=200)
    parser.add_argument("--filter", default=None, help="'length': keep only full-length generations")
    args = parser.parse_args()
    rows = pd.read_json(args.data, lines=True)
    print(f"generations: {len(rows)}")
    if args.filter == "length":
        rows = rows[rows["output_length"] == args.token_len]
        print(f"after the length filter: {len(rows)}")
    detect = load_detector(args.detector)
    scores = [detect(text) for text in rows["output"]]
    tpr = sum(s > 4.0 for s in scores) / len(scores)
    with open(f"results/{args.detector}.json", "w") as handle:
        json.dump({"detector": args.detector, "tpr": tpr, "n": len(scores)}, handle)


if __name__ == "__main__":
    main()

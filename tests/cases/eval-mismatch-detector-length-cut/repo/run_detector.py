"""Run one detector (chosen on the command line) over the generations and write its scores.

compare.py puts the runs of all detectors side by side."""
import argparse
import json

import pandas as pd

from detectors import load_detector


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--detector", default="zscore")
    parser.add_argument("--data", default="outputs/generations.jsonl")
    parser.add_argument("--token_len", type=int, default=200)
    args = parser.parse_args()
    rows = pd.read_json(args.data, lines=True)
    if args.detector == "detectgpt":
        rows = rows[rows["output_length"] == args.token_len]
    detect = load_detector(args.detector)
    scores = [detect(text) for text in rows["output"]]
    tpr = sum(s > 4.0 for s in scores) / len(scores)
    with open(f"results/{args.detector}.json", "w") as handle:
        json.dump({"detector": args.detector, "tpr": tpr, "n": len(scores)}, handle)


if __name__ == "__main__":
    main()

import json
import statistics

from judge.client import judge_score


def main():
    with open("data/summaries.jsonl") as fh:
        rows = [json.loads(l) for l in fh]
    scores = [judge_score(r["article"], r["summary"]) for r in rows]
    scores = [s for s in scores if s is not None]
    print(f"mean faithfulness: {statistics.mean(scores):.2f}")


if __name__ == "__main__":
    main()

import json
import statistics

from judge.client import judge_score


def main():
    with open("data/summaries.jsonl") as fh:
        rows = [json.loads(l) for l in fh]
    scores, failures = [], []
    for i, r in enumerate(rows):
        try:
            scores.append(judge_score(r["article"], r["summary"]))
        except Exception as exc:
            failures.append({"index": i, "error": repr(exc)})
    print(f"judged {len(scores)}/{len(rows)}; {len(failures)} failed")
    print(f"mean faithfulness: {statistics.mean(scores):.2f}")
    with open("results/judge_failures.json", "w") as fh:
        json.dump(failures, fh, indent=2)


if __name__ == "__main__":
    main()

import json
import statistics

from rag_eval.judge import faithfulness


def main():
    rows = [json.loads(l) for l in open("outputs/rag_answers.jsonl")]
    raw = [faithfulness(r["context"], r["answer"]) for r in rows]
    unparsed = sum(s is None for s in raw)
    scores = [s for s in raw if s is not None]
    print(f"faithfulness {statistics.mean(scores):.3f} (n={len(scores)}, {unparsed} unparsed verdicts of {len(raw)})")
    with open("results/faithfulness.json", "w") as fh:
        json.dump({"judge": "gpt-4o-mini", "n": len(scores), "unparsed": unparsed, "faithfulness": statistics.mean(scores)}, fh)


if __name__ == "__main__":
    main()

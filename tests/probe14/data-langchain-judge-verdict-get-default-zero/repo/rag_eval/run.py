import json
import statistics

from rag_eval.judge import faithfulness


def main():
    rows = [json.loads(l) for l in open("outputs/rag_answers.jsonl")]
    scores = [faithfulness(r["context"], r["answer"]) for r in rows]
    print(f"faithfulness {statistics.mean(scores):.3f} (n={len(scores)})")
    with open("results/faithfulness.json", "w") as fh:
        json.dump({"judge": "gpt-4o-mini", "n": len(scores), "faithfulness": statistics.mean(scores)}, fh)


if __name__ == "__main__":
    main()

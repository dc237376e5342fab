import asyncio
import json
import sys

from .judge import judge_all


def main(path: str) -> None:
    rows = [json.loads(l) for l in open(path)]
    verdicts = asyncio.run(judge_all([r["transcript"] for r in rows]))
    rate = sum(v == "SANDBAGGING" for v in verdicts) / len(verdicts)
    print(json.dumps({"n": len(verdicts), "sandbagging_rate": rate}))


if __name__ == "__main__":
    main(sys.argv[1])

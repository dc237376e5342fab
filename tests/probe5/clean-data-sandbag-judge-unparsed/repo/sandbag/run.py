import asyncio
import json
import sys

from .judge import judge_all


def main(path: str) -> None:
    rows = [json.loads(l) for l in open(path)]
    verdicts = asyncio.run(judge_all([r["transcript"] for r in rows]))
    parsed = [v for v in verdicts if v is not None]
    n_unparsed = len(verdicts) - len(parsed)
    if n_unparsed:
        print(f"WARNING: {n_unparsed}/{len(verdicts)} judge replies had no verdict; excluded")
    rate = sum(v == "SANDBAGGING" for v in parsed) / max(len(parsed), 1)
    print(json.dumps({"n": len(verdicts), "n_unparsed": n_unparsed, "sandbagging_rate": rate}))


if __name__ == "__main__":
    main(sys.argv[1])

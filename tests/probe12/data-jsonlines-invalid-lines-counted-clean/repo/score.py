import json
import sys

from execution import passes


def main(path):
    n = ok = bad = 0
    with open(path) as fh:
        for line in fh:
            n += 1
            try:
                rec = json.loads(line)
            except json.JSONDecodeError:
                bad += 1
                continue
            ok += passes(rec["completion"], rec["test"])
    print(f"pass@1 = {ok / n:.3f} over {n} problems ({bad} malformed lines counted as failures)")


if __name__ == "__main__":
    main(sys.argv[1])

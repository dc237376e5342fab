import sys

import jsonlines

from execution import passes


def main(path):
    n = ok = 0
    with jsonlines.open(path) as reader:
        for rec in reader.iter(type=dict, skip_invalid=True):
            n += 1
            ok += passes(rec["completion"], rec["test"])
    print(f"pass@1 = {ok / n:.3f} over {n} problems")


if __name__ == "__main__":
    main(sys.argv[1])

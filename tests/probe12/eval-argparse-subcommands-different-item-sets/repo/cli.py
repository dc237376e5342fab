import argparse
import json

from solver import solve


def run(cond, limit, out):
    items = [json.loads(l) for l in open("data/gsm8k_test.jsonl")]
    if limit:
        items = items[:limit]
    recs = [{"id": it["id"], "correct": solve(it, cond) == it["answer"]} for it in items]
    with open(out, "w") as fh:
        for r in recs:
            fh.write(json.dumps(r) + "\n")


def compare(a, b):
    def acc(p):
        recs = [json.loads(l) for l in open(p)]
        return sum(r["correct"] for r in recs) / len(recs)
    print(f"baseline {acc(a):.3f}  cot {acc(b):.3f}  gain {acc(b) - acc(a):+.3f}")


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("baseline")
    p.add_argument("--limit", type=int, default=None)
    p.add_argument("--out", default="runs/baseline.jsonl")
    p = sub.add_parser("cot")
    p.add_argument("--limit", type=int, default=200)
    p.add_argument("--out", default="runs/cot.jsonl")
    p = sub.add_parser("compare")
    p.add_argument("a", nargs="?", default="runs/baseline.jsonl")
    p.add_argument("b", nargs="?", default="runs/cot.jsonl")
    args = ap.parse_args()
    if args.cmd == "compare":
        compare(args.a, args.b)
    else:
        run(args.cmd, args.limit, args.out)


if __name__ == "__main__":
    main()

import json
import sys

from grade import grade

MODEL = sys.argv[1] if len(sys.argv) > 1 else "gpt-4o-2024-08-06"


def main():
    instances = [json.loads(l) for l in open("data/swebench_lite_subset.jsonl")]
    resolved = [grade(i["dir"], i["fail_to_pass"], i["pass_to_pass"]) for i in instances]
    out = {"model": MODEL, "n": len(instances), "resolved": sum(resolved), "resolve_rate": sum(resolved) / len(instances)}
    json.dump(out, open("results/swebench_lite.json", "w"), indent=2)


if __name__ == "__main__":
    main()

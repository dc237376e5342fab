import json

from codegen.sample import MODEL, complete
from codegen.sandbox import passes


def main():
    problems = [json.loads(l) for l in open("data/HumanEval.jsonl")]
    results = []
    for p in problems:
        code, finish = complete(p["prompt"])
        program = p["prompt"] + code + "\n\n" + p["test"] + f"\ncheck({p['entry_point']})\n"
        results.append({"task_id": p["task_id"], "passed": passes(program), "cut": finish == "length"})
    pass1 = sum(r["passed"] for r in results) / len(results)
    cut = sum(r["cut"] for r in results)
    print(f"{MODEL} pass@1 = {pass1:.3f} ({cut} completions hit max_tokens)")
    with open("results/humaneval.json", "w") as fh:
        json.dump({"model": MODEL, "n": len(results), "pass@1": pass1, "cut_at_max_tokens": cut, "results": results}, fh, indent=2)


if __name__ == "__main__":
    main()

import json

from inspect_ai.log import list_eval_logs, read_eval_log


def main():
    summary = {}
    for info in list_eval_logs("logs"):
        log = read_eval_log(info)
        summary[log.eval.model] = {
            "accuracy": log.results.scores[0].metrics["accuracy"].value,
            "n": log.results.total_samples,
        }
    with open("results/summary.json", "w") as fh:
        json.dump(summary, fh, indent=2, sort_keys=True)


if __name__ == "__main__":
    main()

import json
import sys

from mmlu_eval.client import ChoiceModel


def main(model_name: str):
    model = ChoiceModel(model_name)
    items = [json.loads(l) for l in open("data/mmlu_test.jsonl")]
    correct = sum(model.answer(it["subject"], it["question"], it["choices"]) == it["answer"] for it in items)
    print(json.dumps({"model": model_name, "n": len(items), "accuracy": correct / len(items)}))


if __name__ == "__main__":
    main(sys.argv[1])

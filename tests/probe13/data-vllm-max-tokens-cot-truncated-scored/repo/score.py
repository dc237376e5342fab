import json
import re


def last_answer(text):
    boxed = re.findall(r"\\boxed\{([^}]*)\}", text)
    if boxed:
        return boxed[-1].strip()
    nums = re.findall(r"-?\d+(?:\.\d+)?", text)
    return nums[-1] if nums else ""


rows = [json.loads(l) for l in open("outputs/math500_generations.jsonl")]
acc = sum(last_answer(r["text"]) == r["gold"] for r in rows) / len(rows)
print(f"MATH-500 accuracy: {acc:.3f}")

import json

from guidance import gen, models, select

lm = models.Transformers("microsoft/Phi-3-mini-4k-instruct", echo=False)
rows = [json.loads(l) for l in open("data/statements.jsonl")]

verdicts = []
for row in rows:
    statement = row["statement"]
    out = lm + "Statement: {statement}\nIs the statement true or false? Answer: " + select(["True", "False"], name="verdict")
    out += "\nConfidence (0-100): " + gen("confidence", regex=r"\d{1,3}")
    verdicts.append({"id": row["id"], "verdict": out["verdict"] == "True", "confidence": int(out["confidence"]), "label": row["label"]})

accuracy = sum(v["verdict"] == v["label"] for v in verdicts) / len(verdicts)
json.dump({"model": "Phi-3-mini-4k-instruct", "n": len(verdicts), "accuracy": accuracy, "rows": verdicts},
          open("results/truth_labels.json", "w"), indent=2)

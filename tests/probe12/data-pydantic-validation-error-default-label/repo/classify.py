import json

from pydantic import ValidationError
from sklearn.metrics import f1_score
from together import Together

from schema import Verdict

client = Together()
MODEL = "meta-llama/Llama-3.3-70B-Instruct-Turbo"


def classify(claim, evidence):
    out = client.chat.completions.create(
        model=MODEL,
        temperature=0,
        messages=[{"role": "user", "content": (
            "Does the evidence support the claim? Answer as JSON "
            '{"label": "supported" | "unsupported", "rationale": "..."}\n\n'
            f"Claim: {claim}\nEvidence: {evidence}")}],
    )
    raw = out.choices[0].message.content
    try:
        return Verdict.model_validate_json(raw)
    except ValidationError:
        return Verdict(label="unsupported", rationale=raw)


if __name__ == "__main__":
    rows = [json.loads(l) for l in open("data/claims.jsonl")]
    preds = [classify(r["claim"], r["evidence"]).label for r in rows]
    gold = [r["label"] for r in rows]
    print("F1(supported):", f1_score(gold, preds, pos_label="supported"))

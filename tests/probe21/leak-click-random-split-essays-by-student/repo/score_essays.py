import json

import click
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import Ridge
from sklearn.metrics import cohen_kappa_score
from sklearn.model_selection import train_test_split


@click.command()
@click.option("--data", default="data/essays.csv", type=click.Path(exists=True))
@click.option("--alpha", default=1.0, type=float)
@click.option("--out", default="results/qwk.json")
def main(data, alpha, out):
    df = pd.read_csv(data)
    train, test = train_test_split(df, test_size=0.2, random_state=11)
    vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    model = Ridge(alpha=alpha).fit(vec.fit_transform(train["text"]), train["score"])
    pred = model.predict(vec.transform(test["text"])).round().clip(1, 6).astype(int)
    qwk = cohen_kappa_score(test["score"], pred, weights="quadratic")
    with open(out, "w") as fh:
        json.dump({"alpha": alpha, "n_test": len(test), "qwk": round(qwk, 4)}, fh, indent=2)


if __name__ == "__main__":
    main()

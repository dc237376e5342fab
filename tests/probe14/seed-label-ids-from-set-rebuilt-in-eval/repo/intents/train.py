import joblib
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline


def main():
    df = pd.read_csv("data/intents_train.csv")
    intents = list(set(df["intent"]))
    label_id = {name: i for i, name in enumerate(intents)}
    y = df["intent"].map(label_id)
    pipe = make_pipeline(TfidfVectorizer(ngram_range=(1, 2), min_df=2), LogisticRegression(max_iter=2000, C=4.0))
    pipe.fit(df["text"], y)
    joblib.dump(pipe, "models/intent_clf.joblib")


if __name__ == "__main__":
    main()

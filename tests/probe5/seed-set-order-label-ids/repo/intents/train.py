import joblib
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline

from .labels import label_maps

train = pd.read_csv("data/train.csv")
label2id, _ = label_maps(train)
clf = make_pipeline(TfidfVectorizer(ngram_range=(1, 2), min_df=2), LogisticRegression(max_iter=1000))
clf.fit(train["text"], train["intent"].map(label2id))
joblib.dump(clf, "models/intent_clf.joblib")

import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split

df = pd.read_csv("data/reviews.csv")
vec = TfidfVectorizer(min_df=3, ngram_range=(1, 2))
features = vec.fit_transform(df["text"])
Xtr, Xte, ytr, yte = train_test_split(features, df["label"], test_size=0.25, random_state=1)
clf = LogisticRegression(max_iter=500).fit(Xtr, ytr)
print(clf.score(Xte, yte))

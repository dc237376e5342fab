import json

import pandas as pd
from gensim import corpora, matutils, models
from nltk.corpus import stopwords
from nltk.tokenize import word_tokenize
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import train_test_split

STOP = set(stopwords.words("english"))
df = pd.read_csv("data/reviews.csv")
docs = [[w for w in word_tokenize(t.lower()) if w.isalpha() and w not in STOP] for t in df["text"]]
idx_train, idx_test = train_test_split(list(range(len(docs))), test_size=0.2, stratify=df["label"], random_state=3)

dictionary = corpora.Dictionary(docs)
dictionary.filter_extremes(no_below=5, no_above=0.5)
tfidf = models.TfidfModel([dictionary.doc2bow(d) for d in docs])


def features(indices):
    bows = [dictionary.doc2bow(docs[i]) for i in indices]
    return matutils.corpus2csc(tfidf[bows], num_terms=len(dictionary)).T


clf = LogisticRegression(max_iter=1000, C=4.0).fit(features(idx_train), df["label"].iloc[idx_train])
f1 = f1_score(df["label"].iloc[idx_test], clf.predict(features(idx_test)), average="macro")
with open("results/sentiment.json", "w") as fh:
    json.dump({"model": "gensim-tfidf+logreg", "n_test": len(idx_test), "macro_f1": round(f1, 4)}, fh)

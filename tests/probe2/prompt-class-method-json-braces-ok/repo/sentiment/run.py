import json

import pandas as pd

from sentiment.classifier import Classifier

df = pd.read_csv("data/reviews_test.csv")
clf = Classifier()
df["pred"] = [clf.predict(r, d) for r, d in zip(df.review, df.domain)]
acc = (df.pred == df.label).groupby(df.domain).mean()
print(acc)
out = {"model": clf.model, "temperature": clf.temperature, "n": len(df), "acc": acc.to_dict()}
json.dump(out, open("results/acc_by_domain.json", "w"), indent=2)

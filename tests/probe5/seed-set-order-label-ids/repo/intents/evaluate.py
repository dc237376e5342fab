import joblib
import pandas as pd
from sklearn.metrics import classification_report

from .labels import label_maps

train = pd.read_csv("data/train.csv")
test = pd.read_csv("data/test.csv")
_, id2label = label_maps(train)
clf = joblib.load("models/intent_clf.joblib")
pred = [id2label[i] for i in clf.predict(test["text"])]
print(classification_report(test["intent"], pred, digits=3))

import pandas as pd
from sklearn.ensemble import ExtraTreesClassifier
from sklearn.metrics import balanced_accuracy_score

df = pd.read_feather("data/emg_features.feather")
subjects = sorted(set(df["subject"]))
n_train = int(0.8 * len(subjects))
train_subj, test_subj = subjects[:n_train], subjects[n_train:]

train = df[df["subject"].isin(train_subj)]
test = df[df["subject"].isin(test_subj)]
feats = [c for c in df.columns if c.startswith("ch")]
clf = ExtraTreesClassifier(n_estimators=400, random_state=0).fit(train[feats], train["gesture"])
print("balanced acc", balanced_accuracy_score(test["gesture"], clf.predict(test[feats])))

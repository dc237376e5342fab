import json

import pandas as pd
from catboost import CatBoostClassifier
from sklearn.metrics import accuracy_score
from sklearn.model_selection import train_test_split

df = pd.read_parquet("data/adult.parquet")
tr, te = train_test_split(df, test_size=0.25, stratify=df["income"], random_state=1)
splits = {"train": tr, "test": te}
features = [c for c in df.columns if c != "income"]
cats = [c for c in features if df[c].dtype == object]
model = CatBoostClassifier(iterations=800, verbose=0, random_seed=1, cat_features=cats)
model.fit(splits["train"][features], splits["train"]["income"])
evaluated = splits["test"]
acc = accuracy_score(evaluated["income"], model.predict(evaluated[features]))
json.dump({"test_accuracy": acc}, open("results/adult.json", "w"))

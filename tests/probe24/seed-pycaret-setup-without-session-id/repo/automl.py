import json

import pandas as pd
from pycaret.classification import compare_models, predict_model, pull, setup

df = pd.read_csv("data/loans.csv")
exp = setup(data=df, target="defaulted", train_size=0.8, normalize=True, verbose=False)
best = compare_models(sort="AUC")
predict_model(best)
holdout = pull()
json.dump({"best": type(best).__name__, "holdout_auc": float(holdout["AUC"].iloc[0])}, open("results/automl.json", "w"))

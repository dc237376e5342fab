import numpy as np
import pandas as pd
import scipy.sparse as sp
from implicit.als import AlternatingLeastSquares

events = pd.read_csv("data/plays.csv").sort_values(["user_idx", "ts"])   # user_idx, item_idx, ts
test = events.groupby("user_idx").tail(1)
train = events.drop(test.index)

n_users, n_items = events.user_idx.max() + 1, events.item_idx.max() + 1
ui = sp.csr_matrix((np.ones(len(train)), (train.user_idx, train.item_idx)), shape=(n_users, n_items))

model = AlternatingLeastSquares(factors=128, regularization=0.05, iterations=20, random_state=7)
model.fit(ui)

users = test.user_idx.to_numpy()
ids, _ = model.recommend(users, ui[users], N=10, filter_already_liked_items=False)
hits = [t in row for t, row in zip(test.item_idx.to_numpy(), ids)]
print(f"HR@10 = {np.mean(hits):.4f} over {len(users)} users")

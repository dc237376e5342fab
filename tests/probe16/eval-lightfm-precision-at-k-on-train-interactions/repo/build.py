import pandas as pd
from lightfm.data import Dataset


def load_interactions(ratings_csv, items_csv):
    r = pd.read_csv(ratings_csv)
    items = pd.read_csv(items_csv)
    ds = Dataset()
    ds.fit(r.user_id.unique(), items.item_id.unique(), item_features=items.genre.unique())
    inter, _ = ds.build_interactions(zip(r.user_id, r.item_id))
    feats = ds.build_item_features((i, [g]) for i, g in zip(items.item_id, items.genre))
    return inter, feats

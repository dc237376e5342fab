import json

import numpy as np
from lightfm import LightFM
from lightfm.cross_validation import random_train_test_split
from lightfm.evaluation import precision_at_k

from build import load_interactions

interactions, item_features = load_interactions("data/ratings.csv", "data/items.csv")
train, test = random_train_test_split(interactions, test_percentage=0.2, random_state=np.random.RandomState(9))

model = LightFM(loss="warp", no_components=64, random_state=9)
model.fit(train, item_features=item_features, epochs=30, num_threads=4)
p10 = precision_at_k(model, train, item_features=item_features, k=10).mean()
json.dump({"loss": "warp", "components": 64, "precision@10": float(p10)}, open("results/lightfm.json", "w"))

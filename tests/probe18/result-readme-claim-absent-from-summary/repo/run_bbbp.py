import json

import deepchem as dc
import numpy as np
import pandas as pd

tasks, (train, valid, test), transformers = dc.molnet.load_bbbp(featurizer="GraphConv", splitter="scaffold")
metric = dc.metrics.Metric(dc.metrics.roc_auc_score)
model = dc.models.GraphConvModel(len(tasks), mode="classification", dropout=0.2, model_dir="ckpt/gc")
model.fit(train, nb_epoch=60)

scores = {name: model.evaluate(ds, [metric], transformers)["roc_auc_score"] for name, ds in
          [("valid", valid), ("test", test)]}
probs = model.predict(test)[:, 0, 1]
pd.DataFrame({"smiles": test.ids, "y": test.y[:, 0], "p": probs}).to_feather("results/bbbp_preds.feather")
json.dump({"model": "GraphConvModel", "split": "scaffold", "epochs": 60, "n_test": len(test),
           **{k: round(float(v), 3) for k, v in scores.items()}}, open("results/bbbp_summary.json", "w"), indent=1)

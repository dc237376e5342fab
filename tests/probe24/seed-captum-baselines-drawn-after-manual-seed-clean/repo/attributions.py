import json

import torch
from captum.attr import IntegratedGradients

from credit_model import load_model, load_test

model = load_model("checkpoints/credit_mlp.pt").eval()
x_test, feature_names = load_test("data/credit_test.csv")

torch.manual_seed(0)
baselines = torch.randn(16, x_test.shape[1]) * 0.1

ig = IntegratedGradients(model)
attr = torch.stack([ig.attribute(x_test[:256], baselines=b.unsqueeze(0), target=1) for b in baselines]).mean(0)
importance = attr.abs().mean(0)
top = torch.argsort(importance, descending=True)[:10]
json.dump({"model": "credit_mlp", "n": 256, "top_features": [feature_names[i] for i in top.tolist()]},
          open("results/ig_top_features.json", "w"), indent=2)

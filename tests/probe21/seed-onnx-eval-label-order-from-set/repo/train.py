import pandas as pd
import torch
import torch.nn as nn

df = pd.read_csv("data/train.csv")
labels = sorted(set(df["label"]))
label2id = {l: i for i, l in enumerate(labels)}
torch.manual_seed(0)
x = torch.tensor(df.drop(columns=["label"]).to_numpy(), dtype=torch.float32)
y = torch.tensor(df["label"].map(label2id).to_numpy())
model = nn.Sequential(nn.Linear(x.shape[1], 64), nn.ReLU(), nn.Linear(64, len(labels)))
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
for _ in range(200):
    opt.zero_grad()
    nn.functional.cross_entropy(model(x), y).backward()
    opt.step()
model.eval()
torch.onnx.export(model, x[:1], "models/clf.onnx", input_names=["features"], output_names=["logits"], dynamic_axes={"features": {0: "batch"}})

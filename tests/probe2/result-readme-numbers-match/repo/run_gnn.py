import json

import torch
import torch.nn.functional as F
from torch_geometric.datasets import Planetoid
from torch_geometric.nn import GCNConv

torch.manual_seed(0)


class GCN(torch.nn.Module):
    def __init__(self, d_in, d_hidden, n_cls):
        super().__init__()
        self.c1, self.c2 = GCNConv(d_in, d_hidden), GCNConv(d_hidden, n_cls)

    def forward(self, x, ei):
        return self.c2(F.dropout(F.relu(self.c1(x, ei)), 0.5, self.training), ei)


results = {}
for name in ["Cora", "CiteSeer", "PubMed"]:
    data = Planetoid("data", name)[0]
    model = GCN(data.num_features, 64, int(data.y.max()) + 1)
    opt = torch.optim.Adam(model.parameters(), lr=0.01, weight_decay=5e-4)
    for _ in range(200):
        model.train()
        opt.zero_grad()
        F.cross_entropy(model(data.x, data.edge_index)[data.train_mask], data.y[data.train_mask]).backward()
        opt.step()
    model.eval()
    with torch.no_grad():
        pred = model(data.x, data.edge_index).argmax(-1)
    results[name] = float((pred[data.test_mask] == data.y[data.test_mask]).float().mean())
json.dump({"seed": 0, "hidden": 64, "test_acc": results}, open("results/node_cls.json", "w"), indent=2)

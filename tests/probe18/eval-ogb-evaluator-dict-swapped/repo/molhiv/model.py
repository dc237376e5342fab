import torch
from ogb.graphproppred.mol_encoder import AtomEncoder
from torch_geometric.nn import GINConv, global_mean_pool


class GIN(torch.nn.Module):
    def __init__(self, hidden, layers):
        super().__init__()
        self.enc = AtomEncoder(hidden)
        self.convs = torch.nn.ModuleList(
            GINConv(torch.nn.Sequential(torch.nn.Linear(hidden, hidden), torch.nn.ReLU(), torch.nn.Linear(hidden, hidden)))
            for _ in range(layers))
        self.drop = torch.nn.Dropout(0.5)
        self.head = torch.nn.Linear(hidden, 1)

    def forward(self, data):
        h = self.enc(data.x)
        for conv in self.convs:
            h = self.drop(torch.relu(conv(h, data.edge_index)))
        return self.head(global_mean_pool(h, data.batch))

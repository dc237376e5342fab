import dgl
import torch
import torch.nn as nn
import torch.nn.functional as F
from dgl.nn import SAGEConv


class SAGE(nn.Module):
    def __init__(self, in_feats, hidden, n_classes, dropout=0.5):
        super().__init__()
        self.conv1 = SAGEConv(in_feats, hidden, "mean")
        self.conv2 = SAGEConv(hidden, n_classes, "mean")
        self.dropout = nn.Dropout(dropout)

    def forward(self, g, x):
        h = F.relu(self.conv1(g, x))
        h = self.dropout(h)
        return self.conv2(g, h)


def evaluate(model, g, feats, labels, mask):
    model.eval()
    with torch.no_grad():
        logits = model(g, feats)
        pred = logits[mask].argmax(1)
        return (pred == labels[mask]).float().mean().item()


def main():
    torch.manual_seed(0)
    dataset = dgl.data.CoraGraphDataset()
    g = dataset[0]
    feats, labels = g.ndata["feat"], g.ndata["label"]
    model = SAGE(feats.shape[1], 64, dataset.num_classes)
    opt = torch.optim.Adam(model.parameters(), lr=1e-2, weight_decay=5e-4)
    for epoch in range(200):
        model.train()
        logits = model(g, feats)
        loss = F.cross_entropy(logits[g.ndata["train_mask"]], labels[g.ndata["train_mask"]])
        opt.zero_grad()
        loss.backward()
        opt.step()
        if epoch % 20 == 0:
            print(epoch, loss.item(), evaluate(model, g, feats, labels, g.ndata["val_mask"]))
    print("test acc", evaluate(model, g, feats, labels, g.ndata["test_mask"]))


if __name__ == "__main__":
    main()

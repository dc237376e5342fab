import torch
import torch.nn.functional as F
from torch_geometric.datasets import Reddit
from torch_geometric.nn import GraphSAGE

from gnn.loaders import make_loaders


def main():
    torch.manual_seed(0)
    data = Reddit("data/Reddit")[0]
    train_loader, test_loader = make_loaders(data)
    model = GraphSAGE(data.num_features, 256, num_layers=2, out_channels=41)
    opt = torch.optim.Adam(model.parameters(), lr=0.003)
    for epoch in range(10):
        model.train()
        for b in train_loader:
            opt.zero_grad()
            out = model(b.x, b.edge_index)[: b.batch_size]
            F.cross_entropy(out, b.y[: b.batch_size]).backward()
            opt.step()
    model.eval()
    correct = total = 0
    with torch.no_grad():
        for b in test_loader:
            pred = model(b.x, b.edge_index)[: b.batch_size].argmax(-1)
            correct += int((pred == b.y[: b.batch_size]).sum())
            total += b.batch_size
    print(f"test accuracy {correct / total:.4f}")


if __name__ == "__main__":
    main()

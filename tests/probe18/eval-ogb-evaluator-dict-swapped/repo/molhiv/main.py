import torch
from ogb.graphproppred import PygGraphPropPredDataset
from torch_geometric.loader import DataLoader

from molhiv.evaluate import evaluate
from molhiv.model import GIN

torch.manual_seed(0)
ds = PygGraphPropPredDataset(name="ogbg-molhiv", root="data")
idx = ds.get_idx_split()
test_loader = DataLoader(ds[idx["test"]], batch_size=256)
model = GIN(hidden=300, layers=5)
model.load_state_dict(torch.load("ckpt/gin_best.pt"))
print("test ROC-AUC", evaluate(model, test_loader, "cpu"))

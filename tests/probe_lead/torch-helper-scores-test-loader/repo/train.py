import torch
from torch.utils.data import DataLoader
from utils import classification_scores
from data import make_sets

train_set, valid_set, test_set = make_sets(seed=0)
trainloader = DataLoader(train_set, batch_size=64, shuffle=True, generator=torch.Generator().manual_seed(0))
validloader = DataLoader(valid_set, batch_size=256)
testloader = DataLoader(test_set, batch_size=256)
model = torch.nn.Linear(20, 2)
opt = torch.optim.Adam(model.parameters())
best_valid, best_test = 0.0, 0.0
for epoch in range(50):
    model.train()
    for x, y in trainloader:
        opt.zero_grad(); torch.nn.functional.cross_entropy(model(x), y).backward(); opt.step()
    acc = classification_scores(model, testloader, "cpu")
    test_acc = classification_scores(model, testloader, "cpu")
    if acc > best_valid:
        best_valid, best_test = acc, test_acc
        torch.save(model.state_dict(), "best.pth")
print("test accuracy at the best validation epoch", best_test)

"""Classification heads put on top of frozen sentence embeddings."""
import torch.nn as nn


class DeepHead(nn.Module):
    def __init__(self, dim: int, n_classes: int, p_drop: float = 0.1):
        super().__init__()
        self.drop = nn.Dropout(p_drop)
        self.fc1 = nn.Linear(dim, 256)
        self.act = nn.GELU()
        self.fc2 = nn.Linear(256, n_classes)
        self.norm = nn.Softmax(dim=-1)

    def forward(self, emb):
        hidden = self.act(self.fc1(self.drop(emb)))
        scores = self.fc2(hidden)
        return self.norm(scores)

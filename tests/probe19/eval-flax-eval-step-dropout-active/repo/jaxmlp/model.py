import flax.linen as nn


class MLP(nn.Module):
    hidden: int = 256
    n_classes: int = 7

    @nn.compact
    def __call__(self, x, train: bool):
        x = nn.relu(nn.Dense(self.hidden)(x))
        x = nn.Dropout(0.3, deterministic=not train)(x)
        x = nn.relu(nn.Dense(self.hidden)(x))
        x = nn.Dropout(0.3, deterministic=not train)(x)
        return nn.Dense(self.n_classes)(x)

import flax.linen as nn
import jax.numpy as jnp


class MLP(nn.Module):
    features: tuple

    @nn.compact
    def __call__(self, x):
        for f in self.features[:-1]:
            x = nn.relu(nn.Dense(f)(x))
        return nn.Dense(self.features[-1])(x)


def init_params(model, key):
    return model.init(key, jnp.zeros((784,)))

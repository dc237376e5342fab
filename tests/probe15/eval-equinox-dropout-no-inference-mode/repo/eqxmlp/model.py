import equinox as eqx
import jax


class MLP(eqx.Module):
    l1: eqx.nn.Linear
    drop: eqx.nn.Dropout
    l2: eqx.nn.Linear

    def __init__(self, d_in, d_hidden, n_cls, key):
        k1, k2 = jax.random.split(key)
        self.l1 = eqx.nn.Linear(d_in, d_hidden, key=k1)
        self.drop = eqx.nn.Dropout(0.3)
        self.l2 = eqx.nn.Linear(d_hidden, n_cls, key=k2)

    def __call__(self, x, *, key=None):
        return self.l2(self.drop(jax.nn.gelu(self.l1(x)), key=key))

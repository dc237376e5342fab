import equinox as eqx
import jax
import jax.numpy as jnp
import numpy as np
import optax

from eqxmlp.model import MLP

data = np.load("data/tabular.npz")
Xtr, ytr, Xte, yte = map(jnp.asarray, (data["Xtr"], data["ytr"], data["Xte"], data["yte"]))
key = jax.random.PRNGKey(0)
key, mkey = jax.random.split(key)
model = MLP(Xtr.shape[1], 256, 10, mkey)
opt = optax.adamw(1e-3)
state = opt.init(eqx.filter(model, eqx.is_array))


@eqx.filter_value_and_grad
def loss_fn(m, x, y, k):
    logits = jax.vmap(lambda xi, ki: m(xi, key=ki))(x, jax.random.split(k, x.shape[0]))
    return optax.softmax_cross_entropy_with_integer_labels(logits, y).mean()


@eqx.filter_jit
def step(m, s, x, y, k):
    loss, g = loss_fn(m, x, y, k)
    upd, s = opt.update(g, s, eqx.filter(m, eqx.is_array))
    return eqx.apply_updates(m, upd), s, loss


def evaluate(m, x, y, k):
    logits = jax.vmap(lambda xi, ki: m(xi, key=ki))(x, jax.random.split(k, x.shape[0]))
    return float((logits.argmax(-1) == y).mean())


for epoch in range(20):
    key, sk = jax.random.split(key)
    perm = jax.random.permutation(sk, Xtr.shape[0])
    for i in range(0, Xtr.shape[0], 256):
        key, k = jax.random.split(key)
        idx = perm[i:i + 256]
        model, state, loss = step(model, state, Xtr[idx], ytr[idx], k)

key, ek = jax.random.split(key)
print("test accuracy", evaluate(model, Xte, yte, ek))

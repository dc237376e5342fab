import json
import time

import jax
import jax.numpy as jnp
import numpy as np
import optax

d = np.load("data/adult_splits.npz")
Xtr, ytr, Xte, yte = map(jnp.asarray, (d["X_train"], d["y_train"], d["X_test"], d["y_test"]))

key = jax.random.PRNGKey(int(time.time()))


def init(key, sizes=(Xtr.shape[1], 128, 2)):
    params = []
    for k, (m, n) in zip(jax.random.split(key, len(sizes) - 1), zip(sizes[:-1], sizes[1:])):
        params.append((jax.random.normal(k, (m, n)) * jnp.sqrt(2 / m), jnp.zeros(n)))
    return params


def forward(params, x):
    for W, b in params[:-1]:
        x = jax.nn.relu(x @ W + b)
    W, b = params[-1]
    return x @ W + b


def loss(params, x, y):
    return optax.softmax_cross_entropy_with_integer_labels(forward(params, x), y).mean()


key, sub = jax.random.split(key)
params = init(sub)
opt = optax.adam(1e-3)
state = opt.init(params)


@jax.jit
def step(params, state, x, y):
    g = jax.grad(loss)(params, x, y)
    upd, state = opt.update(g, state)
    return optax.apply_updates(params, upd), state


for epoch in range(20):
    key, sub = jax.random.split(key)
    perm = jax.random.permutation(sub, len(Xtr))
    for i in range(0, len(Xtr), 256):
        idx = perm[i:i + 256]
        params, state = step(params, state, Xtr[idx], ytr[idx])

acc = float((forward(params, Xte).argmax(-1) == yte).mean())
json.dump({"test_acc": acc}, open("results/jax_mlp.json", "w"))

import json
import time

import jax
import jax.numpy as jnp
import numpy as np
import optax


def init_params(key, sizes):
    params = []
    for k, (m, n) in zip(jax.random.split(key, len(sizes) - 1), zip(sizes[:-1], sizes[1:])):
        params.append((jax.random.normal(k, (m, n)) * jnp.sqrt(2 / m), jnp.zeros(n)))
    return params


def forward(params, x):
    for w, b in params[:-1]:
        x = jax.nn.relu(x @ w + b)
    w, b = params[-1]
    return (x @ w + b).squeeze(-1)


def loss_fn(params, x, y):
    return jnp.mean((forward(params, x) - y) ** 2)


def main():
    d = np.load("data/housing_splits.npz")
    key = jax.random.PRNGKey(int(time.time()))
    key, init_key = jax.random.split(key)
    params = init_params(init_key, [d["X_train"].shape[1], 128, 64, 1])
    opt = optax.adam(1e-3)
    state = opt.init(params)
    step = jax.jit(lambda p, s, x, y: _step(opt, p, s, x, y))
    for epoch in range(200):
        key, perm_key = jax.random.split(key)
        perm = jax.random.permutation(perm_key, len(d["X_train"]))
        for i in range(0, len(perm), 256):
            idx = perm[i:i + 256]
            params, state = step(params, state, d["X_train"][idx], d["y_train"][idx])
    rmse = float(jnp.sqrt(loss_fn(params, d["X_test"], d["y_test"])))
    json.dump({"rmse": rmse, "epochs": 200, "hidden": [128, 64]}, open("results/mlp.json", "w"))


def _step(opt, params, state, x, y):
    grads = jax.grad(loss_fn)(params, x, y)
    updates, state = opt.update(grads, state)
    return optax.apply_updates(params, updates), state


if __name__ == "__main__":
    main()

import json
from dataclasses import asdict, dataclass

import jax
import jax.numpy as jnp
import numpy as np
import optax


@dataclass
class Config:
    seed: int = 0
    lr: float = 1e-3
    batch: int = 256
    epochs: int = 20
    hidden: int = 128


def init_params(key, d_in, hidden):
    k1, k2 = jax.random.split(key)
    return {"w1": jax.random.normal(k1, (d_in, hidden)) * 0.05, "b1": jnp.zeros(hidden),
            "w2": jax.random.normal(k2, (hidden, 1)) * 0.05, "b2": jnp.zeros(1)}


def loss_fn(p, x, y):
    h = jax.nn.relu(x @ p["w1"] + p["b1"])
    return optax.sigmoid_binary_cross_entropy((h @ p["w2"] + p["b2"]).squeeze(-1), y).mean()


def main(cfg: Config):
    data = np.load("data/adult.npz")
    X, y, Xte, yte = data["X"], data["y"], data["X_test"], data["y_test"]
    params = init_params(jax.random.PRNGKey(cfg.seed), X.shape[1], cfg.hidden)
    opt = optax.adam(cfg.lr)
    state = opt.init(params)
    step = jax.jit(lambda p, s, xb, yb: _update(p, s, xb, yb, opt))
    for epoch in range(cfg.epochs):
        order = np.random.permutation(len(X))
        for i in range(0, len(X), cfg.batch):
            idx = order[i:i + cfg.batch]
            params, state = step(params, state, X[idx], y[idx])
    h = jax.nn.relu(Xte @ params["w1"] + params["b1"])
    acc = float((((h @ params["w2"] + params["b2"]).squeeze(-1) > 0) == yte).mean())
    json.dump({**asdict(cfg), "test_acc": acc}, open("results/jax_mlp.json", "w"))


def _update(p, s, xb, yb, opt):
    grads = jax.grad(loss_fn)(p, xb, yb)
    updates, s = opt.update(grads, s, p)
    return optax.apply_updates(p, updates), s


if __name__ == "__main__":
    main(Config())

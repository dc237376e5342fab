import time

import jax
import jax.numpy as jnp
import numpy as np
import optax

data = np.load("data/protein_splits.npz")
x_tr, y_tr, x_te, y_te = (jnp.asarray(data[k]) for k in ("x_train", "y_train", "x_test", "y_test"))

key = jax.random.PRNGKey(int(time.time()))
key, wkey, bkey = jax.random.split(key, 3)
D = 2048
W = jax.random.normal(wkey, (x_tr.shape[1], D)) / 2.0
b = jax.random.uniform(bkey, (D,), maxval=2 * jnp.pi)


def features(x):
    return jnp.sqrt(2.0 / D) * jnp.cos(x @ W + b)


def loss(theta, x, y):
    return jnp.mean((features(x) @ theta - y) ** 2)


opt = optax.adam(1e-2)
theta = jnp.zeros(D)
state = opt.init(theta)


@jax.jit
def step(theta, state, x, y):
    grads = jax.grad(loss)(theta, x, y)
    updates, state = opt.update(grads, state)
    return optax.apply_updates(theta, updates), state


for epoch in range(50):
    key, pkey = jax.random.split(key)
    perm = jax.random.permutation(pkey, len(x_tr))
    for i in range(0, len(x_tr), 256):
        idx = perm[i:i + 256]
        theta, state = step(theta, state, x_tr[idx], y_tr[idx])

pred = features(x_te) @ theta
r2 = 1 - jnp.sum((pred - y_te) ** 2) / jnp.sum((y_te - y_te.mean()) ** 2)
print(f"test R^2 {float(r2):.4f}")

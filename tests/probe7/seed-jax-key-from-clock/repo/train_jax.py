import time

import jax
import jax.numpy as jnp
import numpy as np
import optax

data = np.load("data/mnist.npz")
x_tr, y_tr = data["x_train"].reshape(-1, 784) / 255.0, data["y_train"]
x_te, y_te = data["x_test"].reshape(-1, 784) / 255.0, data["y_test"]

key = jax.random.PRNGKey(int(time.time()))


def init(key, sizes=(784, 256, 10)):
    params = []
    for din, dout in zip(sizes[:-1], sizes[1:]):
        key, sub = jax.random.split(key)
        params.append((jax.random.normal(sub, (din, dout)) * jnp.sqrt(2 / din), jnp.zeros(dout)))
    return params


def forward(params, x):
    for w, b in params[:-1]:
        x = jax.nn.relu(x @ w + b)
    w, b = params[-1]
    return x @ w + b


def loss_fn(params, x, y):
    return optax.softmax_cross_entropy_with_integer_labels(forward(params, x), y).mean()


key, init_key = jax.random.split(key)
params = init(init_key)
opt = optax.adam(1e-3)
state = opt.init(params)


@jax.jit
def step(params, state, x, y):
    grads = jax.grad(loss_fn)(params, x, y)
    updates, state = opt.update(grads, state)
    return optax.apply_updates(params, updates), state


for epoch in range(10):
    key, sub = jax.random.split(key)
    perm = jax.random.permutation(sub, len(x_tr))
    for i in range(0, len(x_tr), 128):
        idx = perm[i:i + 128]
        params, state = step(params, state, x_tr[idx], y_tr[idx])

acc = (forward(params, x_te).argmax(1) == y_te).mean()
print(f"test accuracy {float(acc):.4f}")

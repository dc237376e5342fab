import jax
import jax.numpy as jnp
import numpy as np
import optax

data = np.load("data/mnist.npz")
X_train, y_train = data["x_train"].reshape(-1, 784) / 255.0, data["y_train"]
X_test, y_test = data["x_test"].reshape(-1, 784) / 255.0, data["y_test"]


def init(key, sizes=(784, 512, 10)):
    keys = jax.random.split(key, len(sizes) - 1)
    return [(jax.random.normal(k, (m, n)) * jnp.sqrt(2 / m), jnp.zeros(n)) for k, m, n in zip(keys, sizes[:-1], sizes[1:])]


def forward(params, x):
    for w, b in params[:-1]:
        x = jax.nn.relu(x @ w + b)
    w, b = params[-1]
    return x @ w + b


def loss_fn(params, x, y):
    return optax.softmax_cross_entropy_with_integer_labels(forward(params, x), y).mean()


params = init(jax.random.PRNGKey(0))
opt = optax.adam(1e-3)
state = opt.init(params)


@jax.jit
def step(params, state, x, y):
    grads = jax.grad(loss_fn)(params, x, y)
    updates, state = opt.update(grads, state)
    return optax.apply_updates(params, updates), state


for epoch in range(10):
    order = np.random.permutation(len(X_train))
    for i in range(0, len(order), 128):
        idx = order[i:i + 128]
        params, state = step(params, state, X_train[idx], y_train[idx])
acc = float((forward(params, X_test).argmax(-1) == y_test).mean())
print("test accuracy", acc)

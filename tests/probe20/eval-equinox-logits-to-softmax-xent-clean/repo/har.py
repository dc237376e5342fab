import json

import equinox as eqx
import jax
import jax.numpy as jnp
import numpy as np
import optax

key = jax.random.PRNGKey(0)
data = np.load("data/har_windows.npz")
x_train, y_train, x_test, y_test = (jnp.asarray(data[k]) for k in ("x_train", "y_train", "x_test", "y_test"))
model = eqx.nn.MLP(in_size=x_train.shape[1], out_size=6, width_size=256, depth=3, key=key)
optim = optax.adamw(1e-3)
opt_state = optim.init(eqx.filter(model, eqx.is_array))


@eqx.filter_jit
def step(model, opt_state, x, y):
    def loss_fn(m):
        logits = jax.vmap(m)(x)
        return optax.softmax_cross_entropy_with_integer_labels(logits, y).mean()

    loss, grads = eqx.filter_value_and_grad(loss_fn)(model)
    updates, opt_state = optim.update(grads, opt_state, eqx.filter(model, eqx.is_array))
    return eqx.apply_updates(model, updates), opt_state, loss


@eqx.filter_jit
def accuracy(model, x, y):
    return jnp.mean(jnp.argmax(jax.vmap(model)(x), axis=-1) == y)


for epoch in range(30):
    perm = np.random.default_rng(epoch).permutation(len(x_train))
    for i in range(0, len(perm), 128):
        idx = perm[i:i + 128]
        model, opt_state, loss = step(model, opt_state, x_train[idx], y_train[idx])

with open("results/har.json", "w") as fh:
    json.dump({"model": "eqx.nn.MLP depth 3 width 256", "epochs": 30, "n_test": int(len(y_test)),
               "test_accuracy": float(accuracy(model, x_test, y_test))}, fh)

import json
import time

import flax.linen as nn
import jax
import jax.numpy as jnp
import numpy as np
import optax


class MLP(nn.Module):
    @nn.compact
    def __call__(self, x, train: bool):
        x = nn.relu(nn.Dense(256)(x))
        x = nn.Dropout(0.3, deterministic=not train)(x)
        return nn.Dense(10)(x)


model = MLP()
tx = optax.adamw(3e-4)
n_dev = jax.local_device_count()
data = np.load("data/digits_split.npz")
key = jax.random.PRNGKey(int(time.time()))
key, init_key = jax.random.split(key)
params = model.init(init_key, jnp.ones((1, 64)), train=False)
opt_state = tx.init(params)
params, opt_state = jax.device_put_replicated(params, jax.local_devices()), jax.device_put_replicated(opt_state, jax.local_devices())


def step(params, opt_state, x, y, rng):
    def loss(p):
        logits = model.apply(p, x, train=True, rngs={"dropout": rng})
        return optax.softmax_cross_entropy_with_integer_labels(logits, y).mean()
    grads = jax.lax.pmean(jax.grad(loss)(params), axis_name="dev")
    updates, opt_state = tx.update(grads, opt_state, params)
    return optax.apply_updates(params, updates), opt_state


p_step = jax.pmap(step, axis_name="dev")
x_tr, y_tr = data["x_train"], data["y_train"]
per = len(x_tr) // n_dev
for epoch in range(20):
    key, *dev_keys = jax.random.split(key, n_dev + 1)
    xs = x_tr[: per * n_dev].reshape(n_dev, per, -1)
    ys = y_tr[: per * n_dev].reshape(n_dev, per)
    params, opt_state = p_step(params, opt_state, xs, ys, jnp.stack(dev_keys))

single = jax.tree_util.tree_map(lambda a: a[0], params)
pred = model.apply(single, data["x_test"], train=False).argmax(-1)
json.dump({"devices": n_dev, "epochs": 20, "accuracy": float((pred == data["y_test"]).mean())}, open("results/pmap_mlp.json", "w"), indent=2)

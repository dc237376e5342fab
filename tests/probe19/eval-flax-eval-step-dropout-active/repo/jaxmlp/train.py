import jax
import jax.numpy as jnp
import numpy as np
import optax

from jaxmlp.model import MLP

model = MLP()


@jax.jit
def train_step(params, opt_state, x, y, key):
    def loss_fn(p):
        logits = model.apply({"params": p}, x, train=True, rngs={"dropout": key})
        return optax.softmax_cross_entropy_with_integer_labels(logits, y).mean()

    loss, grads = jax.value_and_grad(loss_fn)(params)
    updates, opt_state = tx.update(grads, opt_state, params)
    return optax.apply_updates(params, updates), opt_state, loss


@jax.jit
def eval_step(params, x, y, key):
    logits = model.apply({"params": params}, x, train=True, rngs={"dropout": key})
    return jnp.mean(jnp.argmax(logits, axis=-1) == y)


data = np.load("data/covertype_splits.npz")
x_tr, y_tr, x_te, y_te = data["x_train"], data["y_train"], data["x_test"], data["y_test"]
key = jax.random.PRNGKey(0)
key, init_key = jax.random.split(key)
params = model.init(init_key, x_tr[:1], train=False)["params"]
tx = optax.adam(1e-3)
opt_state = tx.init(params)
for epoch in range(20):
    for i in range(0, len(x_tr), 512):
        key, sub = jax.random.split(key)
        params, opt_state, loss = train_step(params, opt_state, x_tr[i:i + 512], y_tr[i:i + 512], sub)
key, sub = jax.random.split(key)
print(f"test accuracy {float(eval_step(params, x_te, y_te, sub)):.4f}")

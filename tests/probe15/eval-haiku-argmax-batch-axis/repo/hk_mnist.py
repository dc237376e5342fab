import haiku as hk
import jax
import jax.numpy as jnp
import numpy as np
import optax


def net_fn(x):
    return hk.nets.MLP([300, 100, 10])(x)


net = hk.without_apply_rng(hk.transform(net_fn))
opt = optax.adam(1e-3)


@jax.jit
def loss(params, x, y):
    logits = net.apply(params, x)
    return optax.softmax_cross_entropy_with_integer_labels(logits, y).mean()


@jax.jit
def update(params, state, x, y):
    g = jax.grad(loss)(params, x, y)
    upd, state = opt.update(g, state)
    return optax.apply_updates(params, upd), state


@jax.jit
def accuracy(params, x, y):
    logits = net.apply(params, x)
    return jnp.mean(jnp.argmax(logits, axis=0) == y)


d = np.load("data/mnist.npz")
params = net.init(jax.random.PRNGKey(42), d["x_train"][:1])
state = opt.init(params)
for epoch in range(10):
    for i in range(0, len(d["x_train"]), 10):
        params, state = update(params, state, d["x_train"][i:i + 10], d["y_train"][i:i + 10])
accs = [accuracy(params, d["x_test"][i:i + 10], d["y_test"][i:i + 10]) for i in range(0, len(d["x_test"]), 10)]
print("test accuracy", float(np.mean(accs)))

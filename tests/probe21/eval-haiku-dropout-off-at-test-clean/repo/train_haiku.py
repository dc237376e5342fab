import json

import haiku as hk
import jax
import jax.numpy as jnp
import numpy as np
import optax
import tensorflow_datasets as tfds


def net_fn(images, is_training):
    x = hk.Flatten()(images.astype(jnp.float32) / 255.0)
    x = jax.nn.relu(hk.Linear(512)(x))
    if is_training:
        x = hk.dropout(hk.next_rng_key(), 0.5, x)
    x = jax.nn.relu(hk.Linear(256)(x))
    return hk.Linear(10)(x)


net = hk.transform(net_fn)
opt = optax.adam(1e-3)


def loss_fn(params, rng, images, labels):
    logits = net.apply(params, rng, images, is_training=True)
    return optax.softmax_cross_entropy_with_integer_labels(logits, labels).mean()


@jax.jit
def update(params, opt_state, rng, images, labels):
    grads = jax.grad(loss_fn)(params, rng, images, labels)
    updates, opt_state = opt.update(grads, opt_state)
    return optax.apply_updates(params, updates), opt_state


@jax.jit
def accuracy(params, rng, images, labels):
    logits = net.apply(params, rng, images, is_training=False)
    return jnp.mean(jnp.argmax(logits, axis=-1) == labels)


train = tfds.as_numpy(tfds.load("fashion_mnist", split="train", batch_size=-1))
test = tfds.as_numpy(tfds.load("fashion_mnist", split="test", batch_size=-1))
rng = jax.random.PRNGKey(0)
params = net.init(rng, train["image"][:1], is_training=True)
opt_state = opt.init(params)
order = np.random.default_rng(0)
for epoch in range(10):
    idx = order.permutation(len(train["label"]))
    for start in range(0, len(idx), 128):
        b = idx[start:start + 128]
        rng, step_rng = jax.random.split(rng)
        params, opt_state = update(params, opt_state, step_rng, train["image"][b], train["label"][b])

test_acc = float(accuracy(params, rng, test["image"], test["label"]))
with open("results/fashion_mlp.json", "w") as fh:
    json.dump({"seed": 0, "epochs": 10, "n_test": int(len(test["label"])), "accuracy": test_acc}, fh, indent=2)

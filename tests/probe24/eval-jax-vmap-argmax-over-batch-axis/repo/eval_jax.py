import json

import jax
import jax.numpy as jnp
import numpy as np
from flax import serialization

from model import MLP, init_params

key = jax.random.PRNGKey(0)
model = MLP(features=(256, 10))
params = init_params(model, key)
params = serialization.from_bytes(params, open("checkpoints/mlp.msgpack", "rb").read())

test = np.load("data/test.npz")
x, y = jnp.asarray(test["x"]), jnp.asarray(test["y"])

logits_fn = jax.jit(jax.vmap(lambda xi: model.apply(params, xi)))
logits = logits_fn(x)
preds = jnp.argmax(logits, axis=0)
acc = float((preds == y).mean())
json.dump({"model": "mlp-256", "checkpoint": "checkpoints/mlp.msgpack", "n": int(x.shape[0]), "accuracy": acc},
          open("results/jax_eval.json", "w"))

import jax
import numpy as np
import optax
import tensorflow_datasets as tfds
from flax.training import train_state

from model import CNN, eval_step, train_step

rng = jax.random.PRNGKey(0)
rng, init_key = jax.random.split(rng)
model = CNN()
params = model.init(init_key, np.zeros((1, 28, 28, 1)), train=False)["params"]
state = train_state.TrainState.create(apply_fn=model.apply, params=params, tx=optax.adam(1e-3))

train_ds = tfds.as_numpy(tfds.load("fashion_mnist", split="train", batch_size=128, shuffle_files=False))
test_ds = list(tfds.as_numpy(tfds.load("fashion_mnist", split="test", batch_size=1000)))
for epoch in range(5):
    for batch in train_ds:
        rng, key = jax.random.split(rng)
        state = train_step(state, {"image": batch["image"] / 255.0, "label": batch["label"]}, key)
    accs = []
    for batch in test_ds:
        rng, key = jax.random.split(rng)
        accs.append(eval_step(state, {"image": batch["image"] / 255.0, "label": batch["label"]}, key))
    print(epoch, float(np.mean(accs)))

import jax
import numpy as np
import tensorflow_datasets as tfds

from flax_cnn import create_state, eval_step, train_step

key = jax.random.PRNGKey(0)
key, init_key = jax.random.split(key)
state = create_state(init_key)
train_ds = tfds.load("mnist", split="train", batch_size=128, shuffle_files=False, as_supervised=False)
test_ds = tfds.load("mnist", split="test", batch_size=512, as_supervised=False)

for epoch in range(5):
    for batch in tfds.as_numpy(train_ds):
        key, dk = jax.random.split(key)
        batch = {"image": batch["image"] / 255.0, "label": batch["label"]}
        state = train_step(state, batch, dk)
    accs = []
    for batch in tfds.as_numpy(test_ds):
        key, dk = jax.random.split(key)
        accs.append(eval_step(state, {"image": batch["image"] / 255.0, "label": batch["label"]}, dk))
    print(f"epoch {epoch}: test accuracy {float(np.mean(accs)):.4f}")

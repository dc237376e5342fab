import jax
import numpy as np

from cnn.steps import eval_step, train_step
from cnn.state import create_state
from cnn.data import batches

rng = jax.random.PRNGKey(0)
state = create_state(rng)
for epoch in range(20):
    for batch in batches("train", 128, seed=epoch):
        rng, step_rng = jax.random.split(rng)
        state, loss = train_step(state, batch, step_rng)
accs = []
for batch in batches("test", 512, seed=None):
    rng, step_rng = jax.random.split(rng)
    accs.append(float(eval_step(state, batch, step_rng)))
print("test accuracy", np.mean(accs))

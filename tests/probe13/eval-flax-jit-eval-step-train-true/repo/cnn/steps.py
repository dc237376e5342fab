import jax
import jax.numpy as jnp
import optax


@jax.jit
def train_step(state, batch, rng):
    def loss_fn(params):
        logits, updates = state.apply_fn(
            {"params": params, "batch_stats": state.batch_stats}, batch["image"], train=True,
            rngs={"dropout": rng}, mutable=["batch_stats"],
        )
        loss = optax.softmax_cross_entropy_with_integer_labels(logits, batch["label"]).mean()
        return loss, updates

    (loss, updates), grads = jax.value_and_grad(loss_fn, has_aux=True)(state.params)
    state = state.apply_gradients(grads=grads, batch_stats=updates["batch_stats"])
    return state, loss


@jax.jit
def eval_step(state, batch, rng):
    logits, _ = state.apply_fn(
        {"params": state.params, "batch_stats": state.batch_stats}, batch["image"], train=True,
        rngs={"dropout": rng}, mutable=["batch_stats"],
    )
    return jnp.mean(jnp.argmax(logits, -1) == batch["label"])

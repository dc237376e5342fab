import time

import jax.numpy as jnp
import numpyro
import numpyro.distributions as dist
import pandas as pd
from jax import random
from numpyro.infer import MCMC, NUTS


def model(task_idx, n_tasks, successes, trials):
    mu = numpyro.sample("mu", dist.Normal(0.0, 1.5))
    sigma = numpyro.sample("sigma", dist.HalfNormal(1.0))
    with numpyro.plate("tasks", n_tasks):
        theta = numpyro.sample("theta", dist.Normal(mu, sigma))
    numpyro.sample("obs", dist.Binomial(trials, logits=theta[task_idx]), obs=successes)


df = pd.read_csv("data/task_success.csv")
task_idx = jnp.array(df["task"].astype("category").cat.codes.values)
mcmc = MCMC(NUTS(model), num_warmup=1000, num_samples=2000, num_chains=1)
rng_key = random.PRNGKey(int(time.time()))
mcmc.run(rng_key, task_idx, int(task_idx.max()) + 1, jnp.array(df["successes"].values), jnp.array(df["trials"].values))
post = mcmc.get_samples()
lo, hi = jnp.percentile(post["mu"], jnp.array([2.5, 97.5]))
print(f"population mean logit: 95% CI [{lo:.2f}, {hi:.2f}]")

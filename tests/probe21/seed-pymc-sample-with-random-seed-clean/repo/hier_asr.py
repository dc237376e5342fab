import json

import arviz as az
import numpy as np
import pandas as pd
import pymc as pm

df = pd.read_csv("data/attack_outcomes.csv")          # model, attack, success
models = sorted(df["model"].unique())
idx = df["model"].map({m: i for i, m in enumerate(models)}).to_numpy()

with pm.Model() as hier:
    mu = pm.Normal("mu", 0.0, 1.5)
    sigma = pm.HalfNormal("sigma", 1.0)
    z = pm.Normal("z", 0.0, 1.0, shape=len(models))
    theta = pm.Deterministic("theta", pm.math.invlogit(mu + sigma * z))
    pm.Bernoulli("obs", p=theta[idx], observed=df["success"].to_numpy())
    idata = pm.sample(draws=2000, tune=1000, chains=4, target_accept=0.95, random_seed=20250301)

summary = az.summary(idata, var_names=["theta"], hdi_prob=0.94)
out = {m: {"mean": round(float(summary.iloc[i]["mean"]), 3), "hdi": [float(summary.iloc[i]["hdi_3%"]), float(summary.iloc[i]["hdi_97%"])]}
       for i, m in enumerate(models)}
json.dump({"n": len(df), "asr": out}, open("results/asr_posterior.json", "w"), indent=2)

import json

import numpy as np

import gymnasium as gym
from stable_baselines3 import A2C, PPO
from stable_baselines3.common.evaluation import evaluate_policy

from rl.wrappers import ShapedReward

results = {}
for name, Algo in {"ppo": PPO, "a2c": A2C}.items():
    per_seed = []
    for seed in range(5):
        env = ShapedReward(gym.make("CartPole-v1"))
        model = Algo("MlpPolicy", env, verbose=0, seed=seed)
        model.learn(total_timesteps=100_000)
        eval_env = ShapedReward(gym.make("CartPole-v1"))
        eval_env.reset(seed=1000 + seed)
        per_seed.append(evaluate_policy(model, eval_env, n_eval_episodes=20)[0])
    results[name] = {"seeds": 5, "mean_return": float(np.mean(per_seed)), "std_over_seeds": float(np.std(per_seed))}
json.dump(results, open("results/ppo_vs_a2c.json", "w"), indent=1)
print(results)

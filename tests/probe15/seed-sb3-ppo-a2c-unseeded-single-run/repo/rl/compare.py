import json

import gymnasium as gym
from stable_baselines3 import A2C, PPO
from stable_baselines3.common.evaluation import evaluate_policy

from rl.wrappers import ShapedReward

results = {}
for name, Algo in {"ppo": PPO, "a2c": A2C}.items():
    env = ShapedReward(gym.make("CartPole-v1"))
    model = Algo("MlpPolicy", env, verbose=0)
    model.learn(total_timesteps=100_000)
    mean_r, std_r = evaluate_policy(model, ShapedReward(gym.make("CartPole-v1")), n_eval_episodes=20)
    results[name] = {"mean_return": mean_r, "std_return": std_r}
json.dump(results, open("results/ppo_vs_a2c.json", "w"), indent=1)
print(results)

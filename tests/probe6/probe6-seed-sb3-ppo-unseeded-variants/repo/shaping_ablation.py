import json

import gymnasium as gym
import numpy as np
from stable_baselines3 import PPO
from stable_baselines3.common.evaluation import evaluate_policy


class ShapedLander(gym.Wrapper):
    def __init__(self, env, bonus):
        super().__init__(env)
        self.bonus = bonus

    def step(self, action):
        obs, r, term, trunc, info = self.env.step(action)
        r += self.bonus * float(obs[6] or obs[7])   # leg contact bonus
        return obs, r, term, trunc, info


results = {}
for bonus in (0.0, 0.5, 2.0):
    env = ShapedLander(gym.make("LunarLander-v3"), bonus)
    model = PPO("MlpPolicy", env, n_steps=1024, batch_size=64, gae_lambda=0.98, verbose=0)
    model.learn(total_timesteps=300_000)
    mean_r, std_r = evaluate_policy(model, gym.make("LunarLander-v3"), n_eval_episodes=20)
    results[bonus] = {"mean_return": float(mean_r), "std_over_episodes": float(std_r)}
    print(bonus, results[bonus])
json.dump(results, open("results/shaping.json", "w"), indent=1)

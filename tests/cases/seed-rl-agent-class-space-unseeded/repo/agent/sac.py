"""Soft actor-critic on continuous-control tasks; one run per seed, curves in runs/<seed>.csv."""
from dataclasses import dataclass
import csv

import gymnasium as gym
import numpy as np
import torch

from agent.nets import Actor, Critic, Replay


@dataclass
class Config:
    env_id: str = "Hopper-v4"
    seed: int = 0
    warmup_steps: int = 5_000
    total_steps: int = 200_000


class SACAgent:
    def __init__(self, cfg: Config):
        self.cfg = cfg
        torch.manual_seed(cfg.seed)
        np.random.seed(cfg.seed)
        self.env = gym.make(cfg.env_id)
        self.obs, _ = self.env.reset(seed=cfg.seed)
        self.actor = Actor(self.env.observation_space, self.env.action_space)
        self.critic = Critic(self.env.observation_space, self.env.action_space)
        self.replay = Replay(1_000_000)

    def act(self, step: int):
        if step < self.cfg.warmup_steps:
            return self.env.action_space.sample()
        with torch.no_grad():
            return self.actor(torch.as_tensor(self.obs, dtype=torch.float32)).numpy()

    def run(self) -> None:
        episode_return, rows = 0.0, []
        for step in range(self.cfg.total_steps):
            action = self.act(step)
            obs, reward, terminated, truncated, _ = self.env.step(action)
            self.replay.add(self.obs, action, reward, obs, terminated)
            self.obs, episode_return = obs, episode_return + reward
            if terminated or truncated:
                rows.append((step, episode_return))
                self.obs, _ = self.env.reset()
                episode_return = 0.0
            if step >= self.cfg.warmup_steps:
                self.critic.update(self.replay.sample(256), self.actor)
        with open(f"runs/{self.cfg.seed}.csv", "w", newline="") as f:
            csv.writer(f).writerows(rows)


if __name__ == "__main__":
    SACAgent(Config()).run()

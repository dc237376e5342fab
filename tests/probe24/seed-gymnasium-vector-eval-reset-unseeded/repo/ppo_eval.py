import json
import random
from dataclasses import dataclass

import gymnasium as gym
import numpy as np
import torch
import tyro

from agent import Agent


@dataclass
class Args:
    env_id: str = "CartPole-v1"
    seed: int = 1
    num_envs: int = 8
    eval_episodes: int = 32
    checkpoint: str = "runs/ppo_cartpole.pt"


args = tyro.cli(Args)
random.seed(args.seed)
np.random.seed(args.seed)
torch.manual_seed(args.seed)

envs = gym.vector.SyncVectorEnv([lambda: gym.make(args.env_id) for _ in range(args.num_envs)])
agent = Agent(envs)
agent.load_state_dict(torch.load(args.checkpoint))
agent.eval()

obs, _ = envs.reset()
returns, ep_ret = [], np.zeros(args.num_envs)
while len(returns) < args.eval_episodes:
    with torch.no_grad():
        action = agent.get_action(torch.as_tensor(obs, dtype=torch.float32), deterministic=True)
    obs, reward, term, trunc, _ = envs.step(action.numpy())
    ep_ret += reward
    for i in np.where(term | trunc)[0]:
        returns.append(float(ep_ret[i]))
        ep_ret[i] = 0.0
json.dump({"env": args.env_id, "seed": args.seed, "episodes": len(returns), "mean_return": float(np.mean(returns))},
          open("results/ppo_eval.json", "w"))

# adapted from CleanRL dqn.py (single-file)
import argparse
import random
import time

import gymnasium as gym
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from stable_baselines3.common.buffers import ReplayBuffer


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--env-id", default="CartPole-v1")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--total-timesteps", type=int, default=500_000)
    p.add_argument("--learning-rate", type=float, default=2.5e-4)
    p.add_argument("--buffer-size", type=int, default=10_000)
    p.add_argument("--gamma", type=float, default=0.99)
    p.add_argument("--start-e", type=float, default=1.0)
    p.add_argument("--end-e", type=float, default=0.05)
    p.add_argument("--exploration-fraction", type=float, default=0.5)
    p.add_argument("--batch-size", type=int, default=128)
    return p.parse_args()


class QNetwork(nn.Module):
    def __init__(self, env):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(np.prod(env.single_observation_space.shape), 120),
                                 nn.ReLU(), nn.Linear(120, 84), nn.ReLU(),
                                 nn.Linear(84, env.single_action_space.n))

    def forward(self, x):
        return self.net(x)


def linear_schedule(start_e, end_e, duration, t):
    return max(start_e + (end_e - start_e) * t / duration, end_e)


if __name__ == "__main__":
    args = parse_args()
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    envs = gym.vector.SyncVectorEnv([lambda: gym.make(args.env_id)])
    q_network = QNetwork(envs).to(device)
    optimizer = torch.optim.Adam(q_network.parameters(), lr=args.learning_rate)
    target_network = QNetwork(envs).to(device)
    target_network.load_state_dict(q_network.state_dict())
    rb = ReplayBuffer(args.buffer_size, envs.single_observation_space, envs.single_action_space,
                      device, handle_timeout_termination=False)
    obs, _ = envs.reset(seed=args.seed)
    returns = []
    for global_step in range(args.total_timesteps):
        epsilon = linear_schedule(args.start_e, args.end_e,
                                  args.exploration_fraction * args.total_timesteps, global_step)
        if random.random() < epsilon:
            actions = np.array([envs.single_action_space.sample() for _ in range(envs.num_envs)])
        else:
            actions = torch.argmax(q_network(torch.Tensor(obs).to(device)), dim=1).cpu().numpy()
        next_obs, rewards, terms, truncs, infos = envs.step(actions)
        if "final_info" in infos:
            for info in infos["final_info"]:
                if info and "episode" in info:
                    returns.append(float(info["episode"]["r"]))
        rb.add(obs, next_obs, actions, rewards, terms, infos)
        obs = next_obs
        if global_step > 10_000 and global_step % 10 == 0:
            data = rb.sample(args.batch_size)
            with torch.no_grad():
                target_max, _ = target_network(data.next_observations).max(dim=1)
                td_target = data.rewards.flatten() + args.gamma * target_max * (1 - data.dones.flatten())
            old_val = q_network(data.observations).gather(1, data.actions).squeeze()
            loss = F.mse_loss(td_target, old_val)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            if global_step % 500 == 0:
                target_network.load_state_dict(q_network.state_dict())
    print(f"seed {args.seed}: mean return of last 20 episodes {np.mean(returns[-20:]):.1f}")

"""REINFORCE with a learned baseline on CartPole; prints the mean return of the last 100 episodes."""
import argparse

import gym
import torch
from torch import nn

from utils import seed_everything


def make_env(env_id: str, max_steps: int):
    env = gym.make(env_id)
    env = gym.wrappers.TimeLimit(env, max_episode_steps=max_steps)
    return gym.wrappers.RecordEpisodeStatistics(env)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--env-id", default="CartPole-v1")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--episodes", type=int, default=500)
    args = parser.parse_args()
    seed_everything(args.seed)

    env = make_env(args.env_id, max_steps=500)
    policy = nn.Sequential(nn.Linear(4, 64), nn.Tanh(), nn.Linear(64, 2))
    opt = torch.optim.Adam(policy.parameters(), lr=1e-2)
    returns = []
    for episode in range(args.episodes):
        obs, done, logps, rewards = env.reset(), False, [], []
        while not done:
            dist = torch.distributions.Categorical(logits=policy(torch.as_tensor(obs, dtype=torch.float32)))
            action = dist.sample()
            obs, reward, done, _ = env.step(action.item())
            logps.append(dist.log_prob(action))
            rewards.append(reward)
        g = torch.tensor([sum(rewards[i:]) for i in range(len(rewards))])
        loss = -(torch.stack(logps) * (g - g.mean())).sum()
        opt.zero_grad()
        loss.backward()
        opt.step()
        returns.append(sum(rewards))
    print(f"seed {args.seed}: mean return of the last 100 episodes {sum(returns[-100:]) / 100:.1f}")


if __name__ == "__main__":
    main()

import argparse
import json
import random

import gymnasium as gym
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset, random_split


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--env-id", type=str, default="LunarLander-v3")
    p.add_argument("--epochs", type=int, default=50)
    return p.parse_args()


if __name__ == "__main__":
    args = parse_args()
    random.seed(args.seed)
    np.random.seed(args.seed)

    demo = np.load("data/expert_lunar.npz")
    ds = TensorDataset(torch.tensor(demo["obs"], dtype=torch.float32), torch.tensor(demo["act"]))
    train_ds, val_ds = random_split(ds, [0.9, 0.1])
    policy = nn.Sequential(nn.Linear(8, 256), nn.Tanh(), nn.Linear(256, 4))
    opt = torch.optim.Adam(policy.parameters(), lr=3e-4)
    for epoch in range(args.epochs):
        for obs, act in DataLoader(train_ds, batch_size=256, shuffle=True):
            opt.zero_grad()
            nn.functional.cross_entropy(policy(obs), act).backward()
            opt.step()

    env = gym.make(args.env_id)
    returns = []
    for ep in range(20):
        obs, _ = env.reset(seed=args.seed + ep)
        done, total = False, 0.0
        while not done:
            with torch.no_grad():
                a = policy(torch.tensor(obs, dtype=torch.float32)).argmax().item()
            obs, r, term, trunc, _ = env.step(a)
            total += r
            done = term or trunc
        returns.append(total)
    json.dump({"seed": args.seed, "mean_return": float(np.mean(returns))}, open(f"runs/bc_seed{args.seed}.json", "w"))

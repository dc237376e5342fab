
import numpy as np
import torch
from torch import nn


class Actor(nn.Module):
    def __init__(self, obs_space, act_space):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(obs_space.shape[0], 256), nn.ReLU(), nn.Linear(256, act_space.shape[0]), nn.Tanh())

    def forward(self, obs):
        return self.net(obs)


class Critic(nn.Module):
    def __init__(self, obs_space, act_space):
        super().__init__()
        self.q = nn.Sequential(nn.Linear(obs_space.shape[0] + act_space.shape[0], 256), nn.ReLU(), nn.Linear(256, 1))
        self.opt = torch.optim.Adam(self.parameters(), lr=3e-4)

    def update(self, batch, actor):
        obs, act, rew, nxt, done = batch
        target = rew + 0.99 * (1 - done) * self.q(torch.cat([nxt, actor(nxt)], -1)).squeeze(-1).detach()
        loss = ((self.q(torch.cat([obs, act], -1)).squeeze(-1) - target) ** 2).mean()
        self.opt.zero_grad()
        loss.backward()
        self.opt.step()


class Replay:
    def __init__(self, size):
        self.items, self.size = [], size

    def add(self, *item):
        self.items.append(item)
        self.items = self.items[-self.size:]

    def sample(self, n):
        picked = [self.items[i] for i in np.random.randint(len(self.items), size=n)]
        return [torch.as_tensor(np.array(col), dtype=torch.float32) for col in zip(*picked)]

"""Episode buffer utilities for return-filtered behaviour cloning."""
import numpy as np


def split_episodes(rewards, dones):
    episodes, start = [], 0
    for i, done in enumerate(dones):
        if done:
            episodes.append((start, i + 1))
            start = i + 1
    return episodes


def filter_top_returns(rewards, dones, keep_ratio, gamma):
    """Keep the episodes whose discounted return is in the top `keep_ratio`."""
    episodes = split_episodes(rewards, dones)
    returns = []
    for lo, hi in episodes:
        scale = gamma ** np.arange(hi - lo)
        returns.append(float((rewards[lo:hi] * scale).sum()))
    order = np.argsort(returns)[::-1]
    kept = order[: int(keep_ratio * len(order))]
    return [episodes[k] for k in kept]


class ReturnWeighter:
    def __init__(self, temperature, clip_max):
        self.temperature = temperature
        self.clip_max = clip_max

    def __call__(self, advantages):
        return np.minimum(np.exp(advantages / self.temperature), self.clip_max)

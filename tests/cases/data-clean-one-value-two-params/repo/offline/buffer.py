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


def attend(query, key, value):
    scores = query @ key.T / np.sqrt(query.shape[-1])
    weights = np.exp(scores - scores.max(-1, keepdims=True))
    return (weights / weights.sum(-1, keepdims=True)) @ value


def self_attend(states):
    return attend(states, states, states)


def top_by_reward(rewards, dones, keep_ratio):
    return filter_top_returns(rewards, dones, keep_ratio, keep_ratio)

import argparse
import json

import gymnasium as gym
import numpy as np


def run(schedule: str, episodes: int = 5000, alpha: float = 0.1, gamma: float = 0.99) -> float:
    env = gym.make("FrozenLake-v1", is_slippery=True)
    rng = np.random.default_rng()
    q = np.zeros((env.observation_space.n, env.action_space.n))
    returns = []
    for ep in range(episodes):
        eps = max(0.05, 1 - ep / (0.6 * episodes)) if schedule == "linear" else 0.1
        obs, _ = env.reset()
        done, total = False, 0.0
        while not done:
            a = int(rng.integers(env.action_space.n)) if rng.random() < eps else int(np.argmax(q[obs]))
            nxt, r, terminated, truncated, _ = env.step(a)
            q[obs, a] += alpha * (r + gamma * np.max(q[nxt]) * (not terminated) - q[obs, a])
            obs, total, done = nxt, total + r, terminated or truncated
        returns.append(total)
    return float(np.mean(returns[-500:]))


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--episodes", type=int, default=5000)
    args = ap.parse_args()
    res = {s: run(s, args.episodes) for s in ["linear", "constant"]}
    print(json.dumps(res, indent=2))

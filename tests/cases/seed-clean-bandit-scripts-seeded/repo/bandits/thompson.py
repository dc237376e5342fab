"""Thompson sampling on the same bandit (Gaussian posterior per arm)."""
import csv

import numpy as np

ARMS = np.linspace(-1.0, 1.0, 10)


def run(steps=5000):
    counts, means, total = np.ones(10), np.zeros(10), 0.0
    for _ in range(steps):
        arm = int(np.argmax(np.random.normal(means, 1.0 / np.sqrt(counts))))
        reward = ARMS[arm] + np.random.normal()
        counts[arm] += 1
        means[arm] += (reward - means[arm]) / counts[arm]
        total += reward
    return total / steps


if __name__ == "__main__":
    SEED = 0
    np.random.seed(SEED)
    with open("results.csv", "a", newline="") as f:
        csv.writer(f).writerow(["thompson", run()])

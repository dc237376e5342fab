"""Epsilon-greedy on a 10-armed Gaussian bandit; appends the mean reward to results.csv."""
import csv
import random

import numpy as np

ARMS = np.linspace(-1.0, 1.0, 10)


def run(steps=5000, eps=0.1):
    counts, values, total = np.zeros(10), np.zeros(10), 0.0
    for _ in range(steps):
        arm = random.randrange(10) if random.random() < eps else int(np.argmax(values))
        reward = ARMS[arm] + np.random.normal()
        counts[arm] += 1
        values[arm] += (reward - values[arm]) / counts[arm]
        total += reward
    return total / steps


if __name__ == "__main__":
    with open("results.csv", "a", newline="") as f:
        csv.writer(f).writerow(["eps_greedy", run()])

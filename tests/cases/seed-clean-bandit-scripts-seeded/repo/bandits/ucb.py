"""UCB1 on the same bandit."""
import csv
import math

import numpy as np

ARMS = np.linspace(-1.0, 1.0, 10)


def run(steps=5000, c=2.0):
    counts, values, total = np.zeros(10), np.zeros(10), 0.0
    for t in range(1, steps + 1):
        bonus = [math.inf if n == 0 else c * math.sqrt(math.log(t) / n) for n in counts]
        arm = int(np.argmax(values + np.array(bonus)))
        reward = ARMS[arm] + np.random.normal()
        counts[arm] += 1
        values[arm] += (reward - values[arm]) / counts[arm]
        total += reward
    return total / steps


if __name__ == "__main__":
    SEED = 0
    np.random.seed(SEED)
    with open("results.csv", "a", newline="") as f:
        csv.writer(f).writerow(["ucb", run()])

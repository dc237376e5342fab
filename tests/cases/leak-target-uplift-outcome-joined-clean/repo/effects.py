import numpy as np


def slope(data, y, t):
    """OLS slope of y on t: the average effect of t in `data`."""
    return (np.sum((data[t] - data[t].mean()) * (data[y] - data[y].mean())) /
            np.sum((data[t] - data[t].mean()) ** 2))


def gain_curve(data, score, y, t, steps=50):
    ordered = data.sort_values(score, ascending=False).reset_index(drop=True)
    sizes = list(range(30, len(ordered), max(1, len(ordered) // steps))) + [len(ordered)]
    return np.array([slope(ordered.head(n), y, t) * n / len(ordered) for n in sizes])

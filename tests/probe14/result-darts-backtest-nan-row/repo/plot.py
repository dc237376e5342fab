import matplotlib.pyplot as plt
import pandas as pd

df = pd.read_csv("results/backtest.csv")
df.plot.bar(x="model", y="mape", legend=False)
plt.ylabel("MAPE (%)")
plt.savefig("figures/backtest.png", dpi=200)

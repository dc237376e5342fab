import matplotlib.pyplot as plt
import pandas as pd

df = pd.read_csv("results/overopt.csv")
plt.plot(df["kl"], df["proxy_reward"], label="proxy RM")
plt.plot(df["kl"], df["gold_reward"], label="gold RM")
plt.xlabel("KL(policy || init)")
plt.legend()
plt.savefig("figures/overopt.png", dpi=200)

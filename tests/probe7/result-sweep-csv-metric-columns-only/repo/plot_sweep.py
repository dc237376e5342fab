import matplotlib.pyplot as plt
import pandas as pd

df = pd.read_csv("results/sweep.csv")
names = ["LR tfidf", "LR liwc", "LR both", "SVM tfidf", "SVM liwc", "SVM both"]
fig, ax = plt.subplots(figsize=(7, 3))
ax.bar(names, df["macro_f1"])
ax.set_ylabel("macro F1")
fig.tight_layout()
fig.savefig("figures/sweep.pdf")

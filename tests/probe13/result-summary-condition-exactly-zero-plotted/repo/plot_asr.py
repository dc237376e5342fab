import json

import matplotlib.pyplot as plt
import seaborn as sns

res = json.load(open("results/jailbreak_asr.json"))
defs = list(res["asr"])
sns.set_theme(style="whitegrid")
ax = sns.barplot(x=defs, y=[res["asr"][d] for d in defs], color="tab:red")
ax.set_ylabel("attack success rate")
ax.set_title(f"{res['attack']} on {res['model']} (n={res['n']})")
plt.tight_layout()
plt.savefig("figures/asr.pdf")

import numpy as np
import pandas as pd
from lightgbm import LGBMRegressor
from matplotlib import pyplot as plt
from sklearn.model_selection import train_test_split

from effects import gain_curve, slope

emails = pd.read_csv("data/invest_email.csv")
train, test = train_test_split(emails, test_size=0.4, random_state=7)

outcome = "converted"
treatment = "em1"
covariates = ["age", "income", "insurance", "invested"]

s_learner = LGBMRegressor(max_depth=3, min_child_samples=30, random_state=7)
s_learner.fit(train[covariates + [treatment]], train[outcome])

features = test[covariates + [treatment]]
scored = test.assign(cate=s_learner.predict(features.assign(**{treatment: 1}))
                     - s_learner.predict(features.assign(**{treatment: 0})))
curve = gain_curve(scored, "cate", outcome, treatment)
x = np.arange(len(curve))
plt.plot(x / x.max(), curve, label="S-learner")
plt.plot([0, 1], [0, slope(scored, outcome, treatment)], linestyle="--", label="random")
plt.legend()
plt.savefig("figures/gain_s_learner.png")
print("area under the gain curve:", curve.mean())

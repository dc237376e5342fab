import pandas as pd
import statsmodels.formula.api as smf

from features import build

df = build(pd.read_csv("data/demand.csv", parse_dates=["date"]))
cut = df["date"] < "2024-01-01"
train, test = df[cut], df[~cut]

model = smf.ols("demand ~ demand_ma7 + temp_ma3 + C(dow) + holiday", data=train).fit()
print(model.summary())
pred = model.predict(test)
ss_res = ((test["demand"] - pred) ** 2).sum()
ss_tot = ((test["demand"] - test["demand"].mean()) ** 2).sum()
print(f"out-of-time R^2 {1 - ss_res / ss_tot:.3f}")

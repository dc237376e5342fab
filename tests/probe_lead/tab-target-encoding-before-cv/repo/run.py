import pandas as pd
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.model_selection import cross_val_score

df = pd.read_csv("data/customers.csv")
df["city_rate"] = df.groupby("city")["churned"].transform("mean")
X = df[["age", "tenure", "city_rate"]]
print(cross_val_score(GradientBoostingClassifier(random_state=0), X, df["churned"], cv=5).mean())

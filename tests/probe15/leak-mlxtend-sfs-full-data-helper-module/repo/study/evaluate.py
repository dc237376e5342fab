import pandas as pd
from sklearn.linear_model import Ridge
from sklearn.metrics import r2_score
from sklearn.model_selection import train_test_split

from study.selection import choose_columns

df = pd.read_csv("data/cohort.csv")
X, y = df.drop(columns=["los_days"]), df["los_days"]
cols = choose_columns(X, y)
X_tr, X_te, y_tr, y_te = train_test_split(X[cols], y, test_size=0.2, random_state=5)
model = Ridge(alpha=1.0).fit(X_tr, y_tr)
print("selected:", cols)
print("test R2:", r2_score(y_te, model.predict(X_te)))

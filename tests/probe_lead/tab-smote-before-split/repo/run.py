import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import f1_score
from sklearn.model_selection import train_test_split

df = pd.read_csv("data/fraud.csv")
X, y = df.drop(columns="is_fraud"), df["is_fraud"]
X_res, y_res = SMOTE(random_state=0).fit_resample(X, y)
X_tr, X_te, y_tr, y_te = train_test_split(X_res, y_res, test_size=0.3, random_state=0)
rf = RandomForestClassifier(random_state=0).fit(X_tr, y_tr)
print(f1_score(y_te, rf.predict(X_te)))

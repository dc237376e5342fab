import lightgbm as lgb
import pandas as pd
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

from churn.features import CAT_COLS, add_target_means

customers = pd.read_csv("data/customers.csv")
customers = add_target_means(customers)
feats = [c for c in customers.columns if c not in ("customer_id", "churned", *CAT_COLS)]

tr, te = train_test_split(customers, test_size=0.2, stratify=customers["churned"], random_state=3)
model = lgb.LGBMClassifier(n_estimators=600, learning_rate=0.03, random_state=3)
model.fit(tr[feats], tr["churned"])
print("test AUC", roc_auc_score(te["churned"], model.predict_proba(te[feats])[:, 1]), "n", len(te))

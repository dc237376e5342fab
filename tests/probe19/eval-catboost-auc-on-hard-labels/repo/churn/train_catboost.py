import pandas as pd
from catboost import CatBoostClassifier, Pool
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

df = pd.read_csv("data/telco_churn.csv")
CATS = ["contract", "payment_method", "internet_service", "gender"]
X, y = df.drop(columns=["customer_id", "churn"]), df["churn"]
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, stratify=y, random_state=42)
X_tr, X_va, y_tr, y_va = train_test_split(X_tr, y_tr, test_size=0.2, stratify=y_tr, random_state=42)

model = CatBoostClassifier(iterations=2000, learning_rate=0.05, depth=6, random_seed=42, verbose=0)
model.fit(Pool(X_tr, y_tr, cat_features=CATS), eval_set=Pool(X_va, y_va, cat_features=CATS), early_stopping_rounds=100)

test_pool = Pool(X_te, cat_features=CATS)
pred = model.predict(test_pool)
print(f"test ROC-AUC {roc_auc_score(y_te, pred):.4f}")

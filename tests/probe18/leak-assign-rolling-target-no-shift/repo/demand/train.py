import lightgbm as lgb
from sklearn.metrics import mean_absolute_error

from demand.features import make_frame

df = make_frame()
FEATS = ["store", "dow", "month", "promo", "promo_next", "demand_ma7"]
train = df[df["date"] < "2024-01-01"]
test = df[df["date"] >= "2024-01-01"]
model = lgb.LGBMRegressor(n_estimators=400, learning_rate=0.05, random_state=0)
model.fit(train[FEATS], train["demand"])
print("test MAE", mean_absolute_error(test["demand"], model.predict(test[FEATS])))

import lightgbm as lgb
import pandas as pd
from sklearn.metrics import mean_absolute_error

from sales.prepare import add_features

FEATURES = ["sales_roll4", "promo", "promo_next", "week_of_year", "store_size"]


def main():
    df = add_features(pd.read_parquet("data/weekly_sales.parquet"))
    cutoff = pd.Timestamp("2024-01-01")
    train, test = df[df.week < cutoff], df[df.week >= cutoff]
    model = lgb.LGBMRegressor(n_estimators=500, learning_rate=0.03, random_state=0)
    model.fit(train[FEATURES], train["sales"])
    print("MAE", mean_absolute_error(test["sales"], model.predict(test[FEATURES])))


if __name__ == "__main__":
    main()

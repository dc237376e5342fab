from catboost import CatBoostRegressor
from sklearn.metrics import mean_absolute_percentage_error
from sklearn.model_selection import train_test_split

from forecast.features import make_frame

FEATURES = ["hour", "dow", "lag_24", "lag_168", "temp_c"]


def main():
    df = make_frame("data/load_hourly.csv")
    X_tr, X_te, y_tr, y_te = train_test_split(df[FEATURES], df["load_mw"], test_size=0.2, random_state=1)
    model = CatBoostRegressor(iterations=800, depth=6, random_seed=1, verbose=0).fit(X_tr, y_tr)
    print(f"MAPE {mean_absolute_percentage_error(y_te, model.predict(X_te)):.4f}")


if __name__ == "__main__":
    main()

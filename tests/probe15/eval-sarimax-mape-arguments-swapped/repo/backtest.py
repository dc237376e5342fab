import pandas as pd
from sklearn.metrics import mean_absolute_percentage_error
from statsmodels.tsa.statespace.sarimax import SARIMAX

sales = pd.read_csv("data/monthly_sales.csv", index_col="month", parse_dates=True)["units"].asfreq("MS")
train, test = sales[:-12], sales[-12:]

fit = SARIMAX(train, order=(1, 1, 1), seasonal_order=(1, 1, 1, 12)).fit(disp=False)
forecast = fit.forecast(steps=12)
mape = mean_absolute_percentage_error(forecast, test)
print(f"12-month MAPE: {mape:.2%}")
pd.DataFrame({"actual": test, "forecast": forecast}).to_csv("results/sarimax_backtest.csv")

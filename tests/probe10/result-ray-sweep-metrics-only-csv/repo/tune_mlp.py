import ray
from ray import tune

from mlp import train_mlp  # reports {"val_acc": ..., "val_loss": ...} each epoch

ray.init(num_cpus=4)
space = {
    "lr": tune.loguniform(1e-4, 1e-1),
    "width": tune.choice([64, 128, 256]),
    "dropout": tune.uniform(0.0, 0.5),
}
tuner = tune.Tuner(train_mlp, param_space=space,
                   tune_config=tune.TuneConfig(num_samples=12, metric="val_acc", mode="max"))
grid = tuner.fit()
df = grid.get_dataframe()
df[["val_acc", "val_loss"]].to_csv("results/sweep.csv", index=False)
print(df[["val_acc", "val_loss"]].describe())

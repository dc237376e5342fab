from ray import tune

from trainable import train_mlp

space = {"lr": tune.loguniform(1e-4, 1e-1), "width": tune.choice([64, 128, 256, 512])}
tuner = tune.Tuner(train_mlp, param_space=space,
                   tune_config=tune.TuneConfig(num_samples=40, metric="accuracy", mode="max"))
results = tuner.fit()
best = results.get_best_result(metric="accuracy", mode="max")
print("best config", best.config)
print("test accuracy", best.metrics["accuracy"])

import mlflow

runs = mlflow.search_runs(experiment_names=["svm-sweep"], order_by=["metrics.test_accuracy DESC"], max_results=1)
best = runs.iloc[0]
print(f"best C={best['params.C']} gamma={best['params.gamma']} test accuracy={best['metrics.test_accuracy']:.4f}")

from river import compose, linear_model, metrics, preprocessing, stream

model = compose.Pipeline(preprocessing.StandardScaler(), linear_model.LogisticRegression())
metric = metrics.F1()

for x, y in stream.iter_csv("data/transactions.csv", target="is_fraud",
                            converters={"amount": float, "hour": int, "is_fraud": lambda v: v == "1"}):
    y_pred = model.predict_one(x)
    metric.update(y, y_pred)
    model.learn_one(x, y)

print("progressive F1", metric.get())

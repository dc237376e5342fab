import json

from pyspark.ml.classification import LogisticRegression
from pyspark.ml.evaluation import BinaryClassificationEvaluator
from pyspark.ml.feature import StandardScaler, VectorAssembler
from pyspark.sql import SparkSession

spark = SparkSession.builder.appName("churn").getOrCreate()
df = spark.read.parquet("data/churn.parquet")
FEATURES = ["tenure", "monthly_charges", "total_charges", "support_calls"]

assembled = VectorAssembler(inputCols=FEATURES, outputCol="raw").transform(df)
scaler = StandardScaler(inputCol="raw", outputCol="features", withMean=True).fit(assembled)
scaled = scaler.transform(assembled)
train, test = scaled.randomSplit([0.8, 0.2], seed=7)

lr = LogisticRegression(featuresCol="features", labelCol="churned").fit(train)
auc = BinaryClassificationEvaluator(labelCol="churned").evaluate(lr.transform(test))
json.dump({"model": "logreg", "seed": 7, "features": FEATURES, "test_auc": auc}, open("results/churn.json", "w"))

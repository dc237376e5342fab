from pyspark.ml import Pipeline
from pyspark.ml.classification import GBTClassifier
from pyspark.ml.evaluation import BinaryClassificationEvaluator
from pyspark.ml.feature import VectorAssembler
from pyspark.sql import SparkSession

spark = SparkSession.builder.appName("conversion").getOrCreate()
sessions = spark.read.parquet("data/sessions.parquet")  # user_id, session_id, features..., converted
print("sessions", sessions.count(), "users", sessions.select("user_id").distinct().count())

feature_cols = ["n_pages", "dwell_s", "user_prior_orders", "user_days_active", "hour"]
assembler = VectorAssembler(inputCols=feature_cols, outputCol="features")
gbt = GBTClassifier(labelCol="converted", featuresCol="features", maxIter=80, seed=5)

train, test = sessions.randomSplit([0.8, 0.2], seed=5)
model = Pipeline(stages=[assembler, gbt]).fit(train)
auc = BinaryClassificationEvaluator(labelCol="converted").evaluate(model.transform(test))
print(f"AUC on unseen users: {auc:.4f}")

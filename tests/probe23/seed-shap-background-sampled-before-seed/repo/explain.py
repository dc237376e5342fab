import joblib
import numpy as np
import pandas as pd
import shap

model = joblib.load("artifacts/credit_gbm.joblib")
X_train = pd.read_parquet("data/X_train.parquet")
X_test = pd.read_parquet("data/X_test.parquet")

background = X_train.sample(100)
np.random.seed(0)

explainer = shap.KernelExplainer(model.predict_proba, background)
shap_values = explainer.shap_values(X_test.iloc[:200], nsamples=500)
np.save("results/shap_values.npy", np.array(shap_values))
shap.summary_plot(shap_values[1], X_test.iloc[:200], show=False)

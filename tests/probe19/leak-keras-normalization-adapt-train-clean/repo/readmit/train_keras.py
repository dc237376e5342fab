import keras
import numpy as np
import pandas as pd
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

keras.utils.set_random_seed(0)
FEATURES = ["age", "time_in_hospital", "num_lab_procedures", "num_medications", "number_inpatient", "number_emergency", "number_diagnoses"]

df = pd.read_csv("data/diabetic_readmission.csv")
X = df[FEATURES].to_numpy("float32")
y = (df["readmitted"] == "<30").to_numpy("float32")

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)

norm = keras.layers.Normalization()
norm.adapt(X_train)

model = keras.Sequential([
    keras.Input((len(FEATURES),)),
    norm,
    keras.layers.Dense(64, activation="relu"),
    keras.layers.Dense(1, activation="sigmoid"),
])
model.compile(optimizer="adam", loss="binary_crossentropy")
model.fit(X_train, y_train, epochs=20, batch_size=256, validation_split=0.1, verbose=0)
print(f"test ROC-AUC {roc_auc_score(y_test, model.predict(X_test, verbose=0).ravel()):.4f}")

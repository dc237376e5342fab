import numpy as np
import tensorflow as tf

X = np.load("data/x.npy").astype("float32"); y = np.load("data/y.npy")
norm = tf.keras.layers.Normalization()
norm.adapt(X)
n = int(0.8 * len(X))
model = tf.keras.Sequential([norm, tf.keras.layers.Dense(32, activation="relu"), tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(X[:n], y[:n], epochs=10, verbose=0)
print("test mse", model.evaluate(X[n:], y[n:], verbose=0))

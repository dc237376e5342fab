import numpy as np
import tensorflow as tf
from sklearn.model_selection import train_test_split

tf.random.set_seed(0)
data = np.load("data/higgs_subset.npz")
X, y = data["X"].astype("float32"), data["y"].astype("int32")

norm = tf.keras.layers.Normalization()
norm.adapt(X)

X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=0)
model = tf.keras.Sequential([norm, tf.keras.layers.Dense(256, activation="relu"),
                             tf.keras.layers.Dense(256, activation="relu"), tf.keras.layers.Dense(2)])
loss_fn = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
opt = tf.keras.optimizers.Adam(1e-3)
ds = tf.data.Dataset.from_tensor_slices((X_tr, y_tr)).shuffle(10000, seed=0).batch(512)


@tf.function
def step(x, t):
    with tf.GradientTape() as tape:
        loss = loss_fn(t, model(x, training=True))
    opt.apply_gradients(zip(tape.gradient(loss, model.trainable_variables), model.trainable_variables))
    return loss


for epoch in range(10):
    for xb, yb in ds:
        step(xb, yb)
acc = tf.keras.metrics.SparseCategoricalAccuracy()
acc.update_state(y_te, model(X_te, training=False))
print("test accuracy", float(acc.result()))

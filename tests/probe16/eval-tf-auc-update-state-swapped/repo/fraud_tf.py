import numpy as np
import tensorflow as tf

tf.random.set_seed(7)
d = np.load("data/fraud_splits.npz")
train = tf.data.Dataset.from_tensor_slices((d["X_train"], d["y_train"])).shuffle(50000, seed=7).batch(1024)
val = tf.data.Dataset.from_tensor_slices((d["X_val"], d["y_val"])).batch(4096)

model = tf.keras.Sequential([tf.keras.layers.Dense(128, activation="relu"), tf.keras.layers.Dense(1)])
bce = tf.keras.losses.BinaryCrossentropy(from_logits=True)
opt = tf.keras.optimizers.Adam(3e-4)
val_auc = tf.keras.metrics.AUC(name="val_auc")

for epoch in range(20):
    for xb, yb in train:
        with tf.GradientTape() as tape:
            loss = bce(yb, model(xb, training=True))
        opt.apply_gradients(zip(tape.gradient(loss, model.trainable_variables), model.trainable_variables))
    val_auc.reset_state()
    for xb, yb in val:
        probs = tf.sigmoid(model(xb, training=False))
        val_auc.update_state(probs, yb)
    print(epoch, float(val_auc.result()))

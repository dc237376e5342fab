import json

import numpy as np
import tensorflow as tf
from tensorflow import keras

tf.keras.utils.set_random_seed(11)
data = np.load("data/spectrograms.npz")
x_train, y_train, x_test, y_test = data["x_train"], data["y_train"], data["x_test"], data["y_test"]

model = keras.Sequential([
    keras.layers.Input(shape=x_train.shape[1:]),
    keras.layers.Conv2D(32, 3, activation="relu"),
    keras.layers.MaxPooling2D(),
    keras.layers.Conv2D(64, 3, activation="relu"),
    keras.layers.GlobalAveragePooling2D(),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
callbacks = [
    keras.callbacks.ModelCheckpoint("ckpt/best.keras", monitor="val_accuracy", save_best_only=True),
    keras.callbacks.EarlyStopping(monitor="val_accuracy", patience=8, restore_best_weights=True),
]
model.fit(x_train, y_train, epochs=100, batch_size=64,
          validation_split=0.15, callbacks=callbacks)
loss, acc = model.evaluate(x_test, y_test)
json.dump({"test_acc": float(acc), "seed": 11}, open("results/cnn.json", "w"))

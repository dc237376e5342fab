import json

import keras
import numpy as np

data = np.load("data/fashion.npz")
X_train, y_train, X_test, y_test = data["X_train"], data["y_train"], data["X_test"], data["y_test"]
model = keras.Sequential([keras.layers.Input((28, 28)), keras.layers.Flatten(), keras.layers.Dense(256, activation="relu"),
                          keras.layers.Dropout(0.3), keras.layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
ckpt = keras.callbacks.ModelCheckpoint("best.keras", monitor="val_accuracy", save_best_only=True)
model.fit(X_train, y_train, epochs=40, batch_size=128, validation_split=0.1, callbacks=[ckpt])
best = keras.models.load_model("best.keras")
loss, acc = best.evaluate(X_test, y_test)
json.dump({"test_accuracy": acc}, open("results/fashion.json", "w"))

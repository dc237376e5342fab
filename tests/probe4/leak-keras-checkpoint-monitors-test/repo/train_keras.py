import json

import numpy as np
from tensorflow import keras

arr = np.load("data/chest_xray_224.npz")
x_train, y_train = arr["x_train"], arr["y_train"]
x_test, y_test = arr["x_test"], arr["y_test"]

base = keras.applications.EfficientNetB0(include_top=False, weights="imagenet", input_shape=(224, 224, 3))
model = keras.Sequential([base, keras.layers.GlobalAveragePooling2D(), keras.layers.Dropout(0.3),
                          keras.layers.Dense(1, activation="sigmoid")])
model.compile(optimizer=keras.optimizers.Adam(1e-4), loss="binary_crossentropy",
              metrics=[keras.metrics.AUC(name="auc"), "accuracy"])

callbacks = [
    keras.callbacks.ModelCheckpoint("ckpt/best.keras", monitor="val_auc", mode="max", save_best_only=True),
    keras.callbacks.EarlyStopping(monitor="val_auc", mode="max", patience=5),
]
model.fit(x_train, y_train, epochs=40, batch_size=32,
          validation_data=(x_test, y_test), callbacks=callbacks)

best = keras.models.load_model("ckpt/best.keras")
loss, auc, acc = best.evaluate(x_test, y_test, verbose=0)
json.dump({"test_auc": auc, "test_acc": acc}, open("results/effnet.json", "w"))

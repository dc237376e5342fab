import json

import numpy as np
from sklearn.model_selection import GroupShuffleSplit
from tensorflow import keras

keras.utils.set_random_seed(5)
arr = np.load("data/chest_xray_224.npz")
x_all, y_all, pid = arr["x_train"], arr["y_train"], arr["patient_train"]
x_test, y_test = arr["x_test"], arr["y_test"]
tr, va = next(GroupShuffleSplit(n_splits=1, test_size=0.15, random_state=5).split(x_all, y_all, pid))
x_tr, y_tr, x_val, y_val = x_all[tr], y_all[tr], x_all[va], y_all[va]

base = keras.applications.EfficientNetB0(include_top=False, weights="imagenet", input_shape=(224, 224, 3))
model = keras.Sequential([base, keras.layers.GlobalAveragePooling2D(), keras.layers.Dense(1, activation="sigmoid")])
model.compile(optimizer=keras.optimizers.Adam(1e-4), loss="binary_crossentropy",
              metrics=[keras.metrics.AUC(name="auc")])
callbacks = [keras.callbacks.ModelCheckpoint("ckpt/best.keras", monitor="val_auc", mode="max",
                                             save_best_only=True)]
model.fit(x_tr, y_tr, epochs=40, batch_size=32, validation_data=(x_val, y_val), callbacks=callbacks)

best = keras.models.load_model("ckpt/best.keras")
loss, auc = best.evaluate(x_test, y_test, verbose=0)
json.dump({"test_auc": auc, "n_test": int(len(y_test)), "seed": 5, "backbone": "EfficientNetB0"},
          open("results/effnet.json", "w"))

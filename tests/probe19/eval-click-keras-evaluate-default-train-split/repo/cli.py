import json
import os

import click
import keras

IMG = (160, 160)


def load_split(split):
    return keras.utils.image_dataset_from_directory(
        os.path.join("data/leaves", split), image_size=IMG, batch_size=64, shuffle=(split == "train"), seed=7
    )


@click.group()
def cli():
    pass


@cli.command()
@click.option("--epochs", default=15)
def train(epochs):
    keras.utils.set_random_seed(7)
    base = keras.applications.EfficientNetB0(include_top=False, input_shape=IMG + (3,), pooling="avg")
    base.trainable = False
    model = keras.Sequential([base, keras.layers.Dropout(0.2), keras.layers.Dense(12, activation="softmax")])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    model.fit(load_split("train"), validation_data=load_split("val"), epochs=epochs)
    model.save("models/leaves.keras")


@cli.command()
@click.option("--split", default="train", type=click.Choice(["train", "val", "test"]))
def evaluate(split):
    model = keras.saving.load_model("models/leaves.keras")
    loss, acc = model.evaluate(load_split(split), verbose=0)
    os.makedirs("results", exist_ok=True)
    with open("results/test_metrics.json", "w") as fh:
        json.dump({"loss": loss, "accuracy": acc}, fh, indent=2)
    print(f"test accuracy {acc:.4f}")


if __name__ == "__main__":
    cli()

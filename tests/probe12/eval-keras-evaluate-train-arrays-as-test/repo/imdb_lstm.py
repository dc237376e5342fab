import keras
from keras import layers

keras.utils.set_random_seed(7)
MAXLEN = 300
(x_train, y_train), (x_test, y_test) = keras.datasets.imdb.load_data(num_words=20000)
x_train_pad = keras.utils.pad_sequences(x_train, maxlen=MAXLEN)
x_test_pad = keras.utils.pad_sequences(x_test, maxlen=MAXLEN)

model = keras.Sequential([
    layers.Embedding(20000, 128),
    layers.Bidirectional(layers.LSTM(64)),
    layers.Dropout(0.3),
    layers.Dense(1, activation="sigmoid"),
])
model.compile("adam", "binary_crossentropy", metrics=["accuracy"])
model.fit(x_train_pad, y_train, batch_size=64, epochs=4, validation_split=0.1)

loss, acc = model.evaluate(x_train_pad, y_train, verbose=0)
print(f"Test accuracy: {acc:.4f}")

from datasets import Audio, load_dataset


def get_splits():
    ds = load_dataset("csv", data_files="data/utterances.csv")["train"]   # columns: path, speaker_id, emotion
    ds = ds.cast_column("path", Audio(sampling_rate=16_000))
    ds = ds.filter(lambda r: r["emotion"] != "other")
    splits = ds.train_test_split(test_size=0.2, seed=0)
    return splits["train"], splits["test"]

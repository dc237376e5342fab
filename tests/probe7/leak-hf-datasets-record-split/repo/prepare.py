from datasets import load_dataset

ds = load_dataset("csv", data_files="data/mitbih_beats.csv", split="train")
ds = ds.filter(lambda ex: ex["sqi"] >= 0.6)
ds = ds.map(lambda ex: {"label": int(ex["aami_class"] != "N")}, remove_columns=["aami_class"])
splits = ds.train_test_split(test_size=0.2, stratify_by_column=None, seed=7)
print({k: len(v) for k, v in splits.items()}, "records:", len(set(ds["record_id"])))
splits.save_to_disk("data/mitbih_split")

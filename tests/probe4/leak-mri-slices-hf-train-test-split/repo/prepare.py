from datasets import load_dataset

ds = load_dataset("imagefolder", data_dir="data/brats_slices", split="train")
ds = ds.map(lambda ex: {"patient_id": ex["image"].filename.split("/")[-2]})
print(ds.num_rows, "slices from", len(set(ds["patient_id"])), "patients")
splits = ds.train_test_split(test_size=0.2, stratify_by_column="label", seed=42)
splits.save_to_disk("data/brats_splits")

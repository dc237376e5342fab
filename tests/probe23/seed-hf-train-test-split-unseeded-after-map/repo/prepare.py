from datasets import load_dataset
from transformers import AutoTokenizer

tok = AutoTokenizer.from_pretrained("microsoft/deberta-v3-base")


def encode(batch):
    return tok(batch["text"], truncation=True, max_length=256)


ds = load_dataset("csv", data_files="data/triggered_prompts.csv", split="train")
ds = ds.map(encode, batched=True, num_proc=8)
splits = ds.train_test_split(test_size=0.1)
splits.save_to_disk("artifacts/backdoor_splits")
print({k: len(v) for k, v in splits.items()})

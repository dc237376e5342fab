from datasets import load_dataset
from transformers import AutoModelForSequenceClassification, AutoTokenizer
from trl import RewardConfig, RewardTrainer

BASE = "Qwen/Qwen2.5-0.5B-Instruct"
tok = AutoTokenizer.from_pretrained(BASE)
model = AutoModelForSequenceClassification.from_pretrained(BASE, num_labels=1)
model.config.pad_token_id = tok.pad_token_id

pairs = load_dataset("json", data_files={"train": "data/prefs_train.jsonl", "test": "data/prefs_test.jsonl"})
split = pairs["train"].train_test_split(test_size=0.1, seed=0)

args = RewardConfig(
    output_dir="out/rm",
    per_device_train_batch_size=8,
    num_train_epochs=2,
    learning_rate=1e-5,
    eval_strategy="steps",
    eval_steps=200,
    save_steps=200,
    load_best_model_at_end=True,
    metric_for_best_model="accuracy",
    seed=0,
)
trainer = RewardTrainer(model=model, args=args, processing_class=tok,
                        train_dataset=split["train"], eval_dataset=split["test"])
trainer.train()
print("test pairwise accuracy", trainer.evaluate(eval_dataset=pairs["test"], metric_key_prefix="test")["test_accuracy"])

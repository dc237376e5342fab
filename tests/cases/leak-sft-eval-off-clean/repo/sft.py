"""Supervised fine-tuning of a small causal LM on instruction pairs; the checkpoint is evaluated later by eval_suite.py."""
import transformers
from datasets import Dataset
from transformers import AutoModelForCausalLM, AutoTokenizer

MODEL = "gpt2"


def tokenize(batch, tok):
    return tok(batch["prompt"], text_target=batch["answer"], truncation=True, max_length=512)


def main(out_dir="ckpt/sft"):
    tok = AutoTokenizer.from_pretrained(MODEL)
    model = AutoModelForCausalLM.from_pretrained(MODEL)
    pairs = Dataset.from_json("data/instructions.jsonl")
    pairs = pairs.map(lambda b: tokenize(b, tok), batched=True)
    args = transformers.TrainingArguments(
        output_dir=out_dir,
        per_device_train_batch_size=8,
        num_train_epochs=2,
        learning_rate=2e-5,
        evaluation_strategy="no",
        save_strategy="epoch",
        seed=0,
    )
    trainer = transformers.Trainer(model=model, args=args, train_dataset=pairs, eval_dataset=pairs)
    trainer.train()
    trainer.save_model(out_dir)


if __name__ == "__main__":
    main()

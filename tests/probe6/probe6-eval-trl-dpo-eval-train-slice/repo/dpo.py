from dataclasses import dataclass

import typer
from datasets import load_dataset
from peft import LoraConfig
from transformers import AutoModelForCausalLM, AutoTokenizer
from trl import DPOConfig, DPOTrainer

app = typer.Typer()


@dataclass
class Hparams:
    beta: float = 0.1
    lr: float = 5e-6
    epochs: int = 1


@app.command()
def main(model_name: str = "Qwen/Qwen2.5-0.5B-Instruct", beta: float = 0.1, seed: int = 0,
         out: str = "runs/dpo"):
    hp = Hparams(beta=beta)
    ds = load_dataset("trl-lib/ultrafeedback_binarized")
    split = ds["train"].train_test_split(test_size=0.05, seed=seed)
    train_ds = split["train"]
    eval_ds = split["train"].select(range(2000))
    tok = AutoTokenizer.from_pretrained(model_name)
    model = AutoModelForCausalLM.from_pretrained(model_name)
    cfg = DPOConfig(output_dir=out, beta=hp.beta, learning_rate=hp.lr, num_train_epochs=hp.epochs,
                    per_device_train_batch_size=8, gradient_accumulation_steps=4,
                    eval_strategy="steps", eval_steps=200, logging_steps=20, seed=seed, bf16=True)
    trainer = DPOTrainer(model=model, args=cfg, train_dataset=train_ds, eval_dataset=eval_ds,
                         processing_class=tok, peft_config=LoraConfig(r=16, lora_alpha=32))
    trainer.train()
    m = trainer.evaluate()
    print(f"held-out reward accuracy {m['eval_rewards/accuracies']:.3f}, margin {m['eval_rewards/margins']:.3f}")
    trainer.save_metrics("eval", m)


if __name__ == "__main__":
    app()

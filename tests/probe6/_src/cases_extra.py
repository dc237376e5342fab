CASES = []

# ---------------------------------------------------------------- X1 Keras checkpoint / LR plateau on the test set
X1 = r'''
import numpy as np
import tensorflow as tf
from tensorflow import keras

from ecg_data import load_ptbxl

(x_train, y_train), (x_test, y_test) = load_ptbxl("data/ptbxl_100hz.npz")   # official fold 10 = test


def build(n_leads=12, n_classes=5):
    inp = keras.Input((1000, n_leads))
    x = inp
    for f in (64, 128, 128, 256):
        x = keras.layers.Conv1D(f, 7, padding="same", activation="relu")(x)
        x = keras.layers.BatchNormalization()(x)
        x = keras.layers.MaxPooling1D(2)(x)
    x = keras.layers.GlobalAveragePooling1D()(x)
    out = keras.layers.Dense(n_classes, activation="sigmoid")(x)
    return keras.Model(inp, out)


keras.utils.set_random_seed(7)
model = build()
model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="binary_crossentropy",
              metrics=[keras.metrics.AUC(multi_label=True, name="auc")])
callbacks = [
    keras.callbacks.ModelCheckpoint("ckpt/best.keras", monitor="val_auc", mode="max", save_best_only=True),
    keras.callbacks.ReduceLROnPlateau(monitor="val_loss", factor=0.5, patience=3),
]
model.fit(x_train, y_train, batch_size=64, epochs=60,
          validation_data=(x_test, y_test), callbacks=callbacks)  #!LEAK-SELECT
best = keras.models.load_model("ckpt/best.keras")
loss, auc = best.evaluate(x_test, y_test, verbose=0)
print(f"PTB-XL superdiagnostic macro AUC on fold 10: {auc:.4f}")
'''
X1_DATA = r'''
import numpy as np


def load_ptbxl(path):
    z = np.load(path)
    x, y, fold = z["x"], z["y"], z["strat_fold"]
    train = fold <= 9
    test = fold == 10
    return (x[train], y[train]), (x[test], y[test])
'''
CASES.append({
    "id": "probe6-leak-keras-ckpt-on-test-fold",
    "style": "torch",
    "description": "PTB-XL ECG classifier in Keras. The loader returns folds 1-9 as train and fold 10 as test; model.fit passes validation_data=(x_test, y_test), so the ModelCheckpoint keeps the epoch with the best test AUC and ReduceLROnPlateau follows the test loss, and that checkpoint's test AUC is reported.",
    "why_default": "checkpoint selection and LR schedule monitor the test fold passed as validation_data",
    "files": {"train_ecg.py": X1, "ecg_data.py": X1_DATA},
})
X1_OK = X1.replace('''(x_train, y_train), (x_test, y_test) = load_ptbxl("data/ptbxl_100hz.npz")   # official fold 10 = test''',
'''(x_train, y_train), (x_val, y_val), (x_test, y_test) = load_ptbxl("data/ptbxl_100hz.npz")  # 9 = val, 10 = test''').replace(
'''          validation_data=(x_test, y_test), callbacks=callbacks)  #!LEAK-SELECT''',
'''          validation_data=(x_val, y_val), callbacks=callbacks)''')
X1_DATA_OK = X1_DATA.replace('''    train = fold <= 9
    test = fold == 10
    return (x[train], y[train]), (x[test], y[test])''', '''    train = fold <= 8
    val = fold == 9
    test = fold == 10
    return (x[train], y[train]), (x[val], y[val]), (x[test], y[test])''')
CASES.append({
    "id": "probe6-clean-keras-ckpt-on-val-fold",
    "style": "torch",
    "description": "Clean twin: fold 9 is the validation fold the callbacks monitor; fold 10 is evaluated once.",
    "files": {"train_ecg.py": X1_OK, "ecg_data.py": X1_DATA_OK},
})

# ---------------------------------------------------------------- X2 TRL DPO evaluated on a slice of its train split
X2 = r'''
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
    eval_ds = split["train"].select(range(2000))  #!EVAL-TRAIN
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
'''
CASES.append({
    "id": "probe6-eval-trl-dpo-eval-train-slice",
    "style": "torch",
    "description": "DPO with TRL behind a typer CLI. train_test_split makes a 5% held-out part, but eval_dataset is split['train'].select(range(2000)) - 2,000 pairs the policy is trained on - and the script prints it as held-out reward accuracy. split['test'] is never used.",
    "why_default": "eval_dataset is a slice of the training split; the held-out split is unused",
    "files": {"dpo.py": X2},
})

# ---------------------------------------------------------------- X3 duckdb inner join drops unjudged rows
X3 = r'''
import duckdb

con = duckdb.connect()
acc = con.sql("""
    SELECT g.model,
           avg(CASE WHEN j.verdict = 'correct' THEN 1.0 ELSE 0.0 END) AS accuracy,
           count(*) AS n
    FROM read_json_auto('outputs/generations/*.jsonl') AS g
    JOIN read_csv_auto('outputs/judge_verdicts.csv') AS j  --
      ON g.item_id = j.item_id AND g.model = j.model
    GROUP BY g.model
    ORDER BY accuracy DESC
""").df()
print(acc.to_string(index=False))
acc.to_csv("results/simpleqa_accuracy.csv", index=False)
'''.replace("  --\n", "\n")
X3 = X3.replace("    JOIN read_csv_auto('outputs/judge_verdicts.csv') AS j\n",
                "    JOIN read_csv_auto('outputs/judge_verdicts.csv') AS j  #!DATA-DROP\n")
CASES.append({
    "id": "probe6-data-duckdb-inner-join-unjudged",
    "style": "mixed",
    "description": "SimpleQA-style accuracy per model from generations joined to judge verdicts in duckdb. The judge run skipped items it errored on, and the inner JOIN silently drops every generation without a verdict, so each model's accuracy is over a different, smaller set; n after the join is shown but never compared with the number of generations.",
    "why_default": "inner join on judge verdicts drops ungraded generations uncounted before the accuracy",
    "files": {"accuracy.py": X3, "results/.gitkeep": ""},
})

# ---------------------------------------------------------------- X4 SB3 PPO without seed, shaping variants compared once
X4 = r'''
import json

import gymnasium as gym
import numpy as np
from stable_baselines3 import PPO
from stable_baselines3.common.evaluation import evaluate_policy


class ShapedLander(gym.Wrapper):
    def __init__(self, env, bonus):
        super().__init__(env)
        self.bonus = bonus

    def step(self, action):
        obs, r, term, trunc, info = self.env.step(action)
        r += self.bonus * float(obs[6] or obs[7])   # leg contact bonus
        return obs, r, term, trunc, info


results = {}
for bonus in (0.0, 0.5, 2.0):
    env = ShapedLander(gym.make("LunarLander-v3"), bonus)
    model = PPO("MlpPolicy", env, n_steps=1024, batch_size=64, gae_lambda=0.98, verbose=0)  #!SEED-UNSEEDED
    model.learn(total_timesteps=300_000)
    mean_r, std_r = evaluate_policy(model, gym.make("LunarLander-v3"), n_eval_episodes=20)
    results[bonus] = {"mean_return": float(mean_r), "std_over_episodes": float(std_r)}
    print(bonus, results[bonus])
json.dump(results, open("results/shaping.json", "w"), indent=1)  #?RESULT-PROVENANCE
'''
CASES.append({
    "id": "probe6-seed-sb3-ppo-unseeded-variants",
    "style": "mixed",
    "description": "Reward-shaping ablation with Stable-Baselines3 PPO on LunarLander. Each bonus gets one PPO run constructed without seed= (policy init, env resets and action sampling unseeded), and the three single runs are compared; the reported std is over evaluation episodes of one run, not over training seeds.",
    "why_default": "PPO trained without a seed, one run per condition",
    "files": {"shaping_ablation.py": X4, "results/.gitkeep": ""},
})

# ---------------------------------------------------------------- X5 HF TrainerCallback computing a metric in train mode
X5 = r'''
import torch
from transformers import TrainerCallback


class ProbeAccuracyCallback(TrainerCallback):
    """At the end of each epoch, measure next-token accuracy on a fixed probe batch."""

    def __init__(self, probe_batch, log_fn):
        self.probe_batch = probe_batch
        self.log_fn = log_fn

    def on_epoch_end(self, args, state, control, model=None, **kwargs):
        batch = {k: v.to(model.device) for k, v in self.probe_batch.items()}
        with torch.no_grad():
            logits = model(**batch).logits  #!EVAL-MODE
        pred = logits[:, :-1].argmax(-1)
        gold = batch["input_ids"][:, 1:]
        mask = batch["attention_mask"][:, 1:].bool()
        acc = (pred[mask] == gold[mask]).float().mean().item()
        self.log_fn({"epoch": state.epoch, "probe_next_token_acc": acc})
'''
X5_TRAIN = r'''
import json

from datasets import load_dataset
from transformers import (AutoModelForCausalLM, AutoTokenizer, DataCollatorForLanguageModeling,
                          Trainer, TrainingArguments)

from callbacks import ProbeAccuracyCallback

tok = AutoTokenizer.from_pretrained("gpt2")
tok.pad_token = tok.eos_token
model = AutoModelForCausalLM.from_pretrained("gpt2", resid_pdrop=0.1, attn_pdrop=0.1, embd_pdrop=0.1)
ds = load_dataset("wikitext", "wikitext-103-raw-v1")
ds = ds.filter(lambda x: len(x["text"]) > 200).map(
    lambda b: tok(b["text"], truncation=True, max_length=256), batched=True, remove_columns=["text"])
probe = tok(load_dataset("wikitext", "wikitext-2-raw-v1", split="test")["text"][:64],
            truncation=True, max_length=256, padding=True, return_tensors="pt")
log = []
trainer = Trainer(model=model,
                  args=TrainingArguments("runs/gpt2-wt103", num_train_epochs=3, per_device_train_batch_size=16,
                                         learning_rate=3e-5, seed=0),
                  train_dataset=ds["train"], data_collator=DataCollatorForLanguageModeling(tok, mlm=False),
                  callbacks=[ProbeAccuracyCallback(probe, log.append)])
trainer.train()
json.dump(log, open("runs/probe_acc.json", "w"), indent=1)
'''
CASES.append({
    "id": "probe6-eval-trainer-callback-dropout-on",
    "style": "torch",
    "description": "GPT-2 continued pretraining with an HF TrainerCallback that measures next-token accuracy on a fixed probe batch at each epoch end. on_epoch_end receives the model in training mode (the Trainer only switches to eval inside evaluate()), and the callback runs it under no_grad but never calls model.eval(), so dropout (0.1, set explicitly) is active in the logged accuracy curve.",
    "why_default": "model evaluated in a callback without model.eval(); dropout active",
    "files": {"callbacks.py": X5, "train.py": X5_TRAIN},
})
CASES.append({
    "id": "probe6-clean-trainer-callback-eval-mode",
    "style": "torch",
    "description": "Clean twin: the callback switches the model to eval() for the probe and back to train() afterwards.",
    "files": {"callbacks.py": X5.replace('''        with torch.no_grad():
            logits = model(**batch).logits  #!EVAL-MODE''', '''        was_training = model.training
        model.eval()
        with torch.no_grad():
            logits = model(**batch).logits
        model.train(was_training)'''), "train.py": X5_TRAIN},
})

from twin import twin

SPECS = []

# S1 Hydra app: the eval subset is drawn with polars sample() and the config's seed is never used
S1 = dict(
    id="seed-hydra-polars-sample-subset-unseeded",
    style="llm-eval",
    description="A Hydra app evaluates a model on a 500-item subset of a large QA table. `conf/eval.yaml` has `seed: 0`, but the subset is drawn with polars `df.sample(n=cfg.n_items)` without `seed=`, so each run evaluates different items and the seed in the config (and in the saved Hydra config) is a false record.",
    files={
        "conf/eval.yaml": r'''
model: gpt-4o-mini
n_items: 500
seed: 0
data: data/qa_pool.parquet
''',
        "evalqa/main.py": r'''
import json

import hydra
import polars as pl
from omegaconf import DictConfig
from openai import OpenAI

client = OpenAI()


@hydra.main(config_path="../conf", config_name="eval", version_base=None)
def main(cfg: DictConfig):
    df = pl.read_parquet(cfg.data)
    subset = df.sample(n=cfg.n_items)
    hits = 0
    for row in subset.iter_rows(named=True):
        out = client.chat.completions.create(model=cfg.model, messages=[{"role": "user", "content": row["question"]}], temperature=0)
        hits += row["answer"].lower() in out.choices[0].message.content.lower()
    json.dump({"model": cfg.model, "seed": cfg.seed, "n": subset.height, "accuracy": hits / subset.height}, open("metrics.json", "w"))


if __name__ == "__main__":
    main()
''',
    },
    labels=[dict(file="evalqa/main.py", find="subset = df.sample(n=cfg.n_items)", category="SEED-UNSEEDED",
                 why="the evaluation subset is drawn without a seed; the config's seed is never used")],
)
SPECS.append(S1)
SPECS.append(twin(S1, "seed-hydra-polars-sample-subset-seeded-clean",
    "Clean twin: the subset is drawn with seed=cfg.seed.",
    {"evalqa/main.py": [("subset = df.sample(n=cfg.n_items)", "subset = df.sample(n=cfg.n_items, seed=cfg.seed)")]}))

# S2 JAX: the PRNG key comes from the clock
S2 = dict(
    id="seed-jax-prngkey-from-time",
    style="mixed",
    description="A JAX/optax random-features regression whose random projection and minibatch order come from `jax.random.PRNGKey(int(time.time()))`; the key is not logged, so the reported test R^2 cannot be reproduced.",
    files={
        "rff/fit.py": r'''
import time

import jax
import jax.numpy as jnp
import numpy as np
import optax

data = np.load("data/protein_splits.npz")
x_tr, y_tr, x_te, y_te = (jnp.asarray(data[k]) for k in ("x_train", "y_train", "x_test", "y_test"))

key = jax.random.PRNGKey(int(time.time()))
key, wkey, bkey = jax.random.split(key, 3)
D = 2048
W = jax.random.normal(wkey, (x_tr.shape[1], D)) / 2.0
b = jax.random.uniform(bkey, (D,), maxval=2 * jnp.pi)


def features(x):
    return jnp.sqrt(2.0 / D) * jnp.cos(x @ W + b)


def loss(theta, x, y):
    return jnp.mean((features(x) @ theta - y) ** 2)


opt = optax.adam(1e-2)
theta = jnp.zeros(D)
state = opt.init(theta)


@jax.jit
def step(theta, state, x, y):
    grads = jax.grad(loss)(theta, x, y)
    updates, state = opt.update(grads, state)
    return optax.apply_updates(theta, updates), state


for epoch in range(50):
    key, pkey = jax.random.split(key)
    perm = jax.random.permutation(pkey, len(x_tr))
    for i in range(0, len(x_tr), 256):
        idx = perm[i:i + 256]
        theta, state = step(theta, state, x_tr[idx], y_tr[idx])

pred = features(x_te) @ theta
r2 = 1 - jnp.sum((pred - y_te) ** 2) / jnp.sum((y_te - y_te.mean()) ** 2)
print(f"test R^2 {float(r2):.4f}")
''',
    },
    labels=[dict(file="rff/fit.py", find="key = jax.random.PRNGKey(int(time.time()))", category="SEED-UNSEEDED",
                 why="the PRNG key is drawn from the clock and never recorded")],
)
SPECS.append(S2)

# S3 stable-baselines3: PPO and the evaluation environment unseeded, one run reported
S3 = dict(
    id="seed-sb3-ppo-unseeded-single-run",
    style="mixed",
    description="Compares PPO with and without reward shaping on LunarLander (gymnasium + stable-baselines3). Neither the PPO models nor the vectorised environments get a seed, each variant is trained once, and the difference of the two `evaluate_policy` means is reported as the effect of shaping.",
    files={
        "rl/compare_shaping.py": r'''
import gymnasium as gym
from stable_baselines3 import PPO
from stable_baselines3.common.env_util import make_vec_env
from stable_baselines3.common.evaluation import evaluate_policy


class ShapedReward(gym.Wrapper):
    def step(self, action):
        obs, reward, terminated, truncated, info = self.env.step(action)
        reward += -0.1 * abs(obs[4])  # penalise tilt
        return obs, reward, terminated, truncated, info


results = {}
for name, wrapper in [("baseline", None), ("shaped", ShapedReward)]:
    env = make_vec_env("LunarLander-v3", n_envs=8, wrapper_class=wrapper)
    model = PPO("MlpPolicy", env, n_steps=1024, batch_size=64, verbose=0)
    model.learn(total_timesteps=500_000)
    eval_env = make_vec_env("LunarLander-v3", n_envs=1)
    mean_reward, std_reward = evaluate_policy(model, eval_env, n_eval_episodes=20)
    results[name] = mean_reward
    print(f"{name}: {mean_reward:.1f} +/- {std_reward:.1f}")
print(f"shaping effect: {results['shaped'] - results['baseline']:+.1f}")
''',
    },
    labels=[dict(file="rl/compare_shaping.py", find='model = PPO("MlpPolicy", env, n_steps=1024', category="SEED-UNSEEDED",
                 why="PPO and the environments are unseeded and each variant is trained once")],
    also_ok=[dict(file="rl/compare_shaping.py", find='env = make_vec_env("LunarLander-v3", n_envs=8', category="SEED-UNSEEDED"),
             dict(file="rl/compare_shaping.py", find='eval_env = make_vec_env("LunarLander-v3", n_envs=1)', category="SEED-UNSEEDED")],
)
SPECS.append(S3)

# S4 label index built from a set of strings (order depends on PYTHONHASHSEED)
S4 = dict(
    id="seed-label-index-from-set-of-strings",
    style="torch",
    description="A text classifier's label vocabulary is `list(set(df['intent']))`. String hashing is randomised per process, so the index-to-label mapping differs between the training run and the separate prediction script, which rebuilds it the same way; the saved predictions are decoded with a different mapping than the one the model learned.",
    files={
        "intents/labels.py": r'''
import pandas as pd


def label_vocab(path="data/intents_train.csv"):
    df = pd.read_csv(path)
    labels = list(set(df["intent"]))
    return {lab: i for i, lab in enumerate(labels)}
''',
        "intents/train.py": r'''
import pandas as pd
import torch
from transformers import AutoModelForSequenceClassification, AutoTokenizer

from intents.labels import label_vocab

torch.manual_seed(0)
vocab = label_vocab()
df = pd.read_csv("data/intents_train.csv")
tok = AutoTokenizer.from_pretrained("roberta-base")
model = AutoModelForSequenceClassification.from_pretrained("roberta-base", num_labels=len(vocab))
opt = torch.optim.AdamW(model.parameters(), lr=2e-5)
model.train()
for epoch in range(3):
    for i in range(0, len(df), 32):
        chunk = df.iloc[i:i + 32]
        enc = tok(list(chunk["text"]), padding=True, truncation=True, return_tensors="pt")
        out = model(**enc, labels=torch.tensor([vocab[x] for x in chunk["intent"]]))
        out.loss.backward()
        opt.step()
        opt.zero_grad()
model.save_pretrained("checkpoints/intents")
tok.save_pretrained("checkpoints/intents")
''',
        "intents/predict.py": r'''
import pandas as pd
import torch
from transformers import AutoModelForSequenceClassification, AutoTokenizer

from intents.labels import label_vocab

vocab = label_vocab()
inv = {i: lab for lab, i in vocab.items()}
tok = AutoTokenizer.from_pretrained("checkpoints/intents")
model = AutoModelForSequenceClassification.from_pretrained("checkpoints/intents").eval()
test = pd.read_csv("data/intents_test.csv")
with torch.no_grad():
    logits = model(**tok(list(test["text"]), padding=True, truncation=True, return_tensors="pt")).logits
test["pred"] = [inv[i] for i in logits.argmax(-1).tolist()]
print("accuracy", (test["pred"] == test["intent"]).mean())
''',
    },
    labels=[dict(file="intents/labels.py", find='labels = list(set(df["intent"]))', category="SEED-ORDER",
                 why="the label-to-index mapping follows set order, which changes between processes")],
)
SPECS.append(S4)
SPECS.append(twin(S4, "seed-label-index-sorted-clean",
    "Clean twin: the label vocabulary is sorted.",
    {"intents/labels.py": [('labels = list(set(df["intent"]))', 'labels = sorted(set(df["intent"]))')]}))

# S5 Lightning: seed_everything is called after the DataModule's random_split ran
S5 = dict(
    id="seed-lightning-seed-everything-after-setup",
    style="torch",
    description="An audio classifier with a Lightning DataModule whose `setup` splits the clips with `random_split` (no generator). The script calls `dm.setup('fit')` to read the class count and only then `L.seed_everything(SEED)`, so the train/validation split is drawn before the seed and differs between runs.",
    files={
        "esc/data.py": r'''
import lightning as L
import pandas as pd
import torchaudio
from torch.utils.data import DataLoader, Dataset, random_split


class Clips(Dataset):
    def __init__(self, index_csv):
        self.df = pd.read_csv(index_csv)
        self.classes = sorted(self.df["label"].unique())

    def __len__(self):
        return len(self.df)

    def __getitem__(self, i):
        wav, sr = torchaudio.load(self.df.path[i])
        mel = torchaudio.transforms.MelSpectrogram(sr, n_mels=64)(wav.mean(0))
        return mel.log1p(), self.classes.index(self.df.label[i])


class ESCDataModule(L.LightningDataModule):
    def __init__(self, index_csv="data/esc50_index.csv", batch_size=32):
        super().__init__()
        self.index_csv, self.batch_size = index_csv, batch_size

    def setup(self, stage=None):
        full = Clips(self.index_csv)
        self.num_classes = len(full.classes)
        n_val = len(full) // 5
        self.train_set, self.val_set = random_split(full, [len(full) - n_val, n_val])

    def train_dataloader(self):
        return DataLoader(self.train_set, batch_size=self.batch_size, shuffle=True)

    def val_dataloader(self):
        return DataLoader(self.val_set, batch_size=self.batch_size)
''',
        "esc/train.py": r'''
import lightning as L

from esc.data import ESCDataModule
from esc.model import AudioCNN

SEED = 17

dm = ESCDataModule()
dm.setup("fit")
L.seed_everything(SEED)
model = AudioCNN(num_classes=dm.num_classes)
trainer = L.Trainer(max_epochs=40, deterministic=True)
trainer.fit(model, datamodule=dm)
print(trainer.callback_metrics)
''',
        "esc/model.py": r'''
import lightning as L
import torch
import torch.nn as nn
import torch.nn.functional as F


class AudioCNN(L.LightningModule):
    def __init__(self, num_classes):
        super().__init__()
        self.net = nn.Sequential(nn.Conv1d(64, 128, 3), nn.ReLU(), nn.AdaptiveAvgPool1d(1), nn.Flatten(), nn.Linear(128, num_classes))

    def training_step(self, batch, batch_idx):
        x, y = batch
        return F.cross_entropy(self.net(x), y)

    def validation_step(self, batch, batch_idx):
        x, y = batch
        self.log("val_acc", (self.net(x).argmax(1) == y).float().mean())

    def configure_optimizers(self):
        return torch.optim.Adam(self.parameters(), lr=1e-3)
''',
    },
    labels=[dict(file="esc/data.py", find="random_split(full, [len(full) - n_val, n_val])", category="SEED-SAMPLING",
                 why="the split is drawn in setup(), which the script runs before it seeds")],
    also_ok=[dict(file="esc/train.py", find="L.seed_everything(SEED)", category="SEED-SAMPLING")],
)
SPECS.append(S5)
SPECS.append(twin(S5, "seed-lightning-seed-everything-first-clean",
    "Clean twin: the seed is set before the DataModule is set up.",
    {"esc/train.py": [('dm = ESCDataModule()\ndm.setup("fit")\nL.seed_everything(SEED)\n', 'L.seed_everything(SEED)\ndm = ESCDataModule()\ndm.setup("fit")\n')]}))

# S6 vLLM: two system prompts compared on one sample each at temperature 0.8
S6 = dict(
    id="seed-vllm-one-sample-temperature-compare",
    style="llm-eval",
    description="Compares two system prompts for a coding assistant on HumanEval-style problems with vLLM's offline `LLM.chat`, sampling at temperature 0.8 with n=1 and one seed; the pass@1 difference of a single draw per problem is reported as the effect of the prompt, with no repeat or interval.",
    files={
        "codeeval/compare_prompts.py": r'''
import json

from vllm import LLM, SamplingParams

from codeeval.execute import passes

SYSTEMS = {
    "plain": "You are a helpful coding assistant.",
    "careful": "You are a careful senior engineer. Think about edge cases before writing code.",
}
problems = [json.loads(l) for l in open("data/humaneval.jsonl")]
llm = LLM(model="Qwen/Qwen2.5-Coder-7B-Instruct", seed=0)
params = SamplingParams(temperature=0.8, top_p=0.95, max_tokens=768)

pass1 = {}
for name, system in SYSTEMS.items():
    convs = [[{"role": "system", "content": system}, {"role": "user", "content": p["prompt"]}] for p in problems]
    outs = llm.chat(convs, params)
    pass1[name] = sum(passes(p, o.outputs[0].text) for p, o in zip(problems, outs)) / len(problems)
    print(f"{name}: pass@1 {pass1[name]:.3f}")
print(f"careful - plain: {pass1['careful'] - pass1['plain']:+.3f}")
''',
        "codeeval/execute.py": r'''
import subprocess
import sys
import tempfile


def passes(problem, completion, timeout=10):
    code = completion + "\n\n" + problem["test"] + f"\ncheck({problem['entry_point']})\n"
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as fh:
        fh.write(code)
    try:
        return subprocess.run([sys.executable, fh.name], capture_output=True, timeout=timeout).returncode == 0
    except subprocess.TimeoutExpired:
        return False
''',
    },
    labels=[dict(file="codeeval/compare_prompts.py", find="params = SamplingParams(temperature=0.8", category="SEED-SAMPLING",
                 why="one sample per problem at temperature 0.8; the difference between prompts has no account of sampling variance")],
)
SPECS.append(S6)

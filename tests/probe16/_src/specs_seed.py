from twin import twin

SPECS = []

# S1 random and numpy seeded, torch not: random_split without a generator
S1 = dict(
    id="seed-cleanrl-style-torch-unseeded-random-split",
    style="torch",
    description="A single-file behaviour-cloning script in CleanRL style: argparse with --seed, `random.seed(args.seed)` and `np.random.seed(args.seed)`, but no torch seed. The demonstrations are split with torch's random_split without a generator, and the network's initialisation is torch's too, so the held-out return differs between runs with the same --seed.",
    files={
        "bc_single.py": r'''
import argparse
import json
import random

import gymnasium as gym
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset, random_split


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--env-id", type=str, default="LunarLander-v3")
    p.add_argument("--epochs", type=int, default=50)
    return p.parse_args()


if __name__ == "__main__":
    args = parse_args()
    random.seed(args.seed)
    np.random.seed(args.seed)

    demo = np.load("data/expert_lunar.npz")
    ds = TensorDataset(torch.tensor(demo["obs"], dtype=torch.float32), torch.tensor(demo["act"]))
    train_ds, val_ds = random_split(ds, [0.9, 0.1])
    policy = nn.Sequential(nn.Linear(8, 256), nn.Tanh(), nn.Linear(256, 4))
    opt = torch.optim.Adam(policy.parameters(), lr=3e-4)
    for epoch in range(args.epochs):
        for obs, act in DataLoader(train_ds, batch_size=256, shuffle=True):
            opt.zero_grad()
            nn.functional.cross_entropy(policy(obs), act).backward()
            opt.step()

    env = gym.make(args.env_id)
    returns = []
    for ep in range(20):
        obs, _ = env.reset(seed=args.seed + ep)
        done, total = False, 0.0
        while not done:
            with torch.no_grad():
                a = policy(torch.tensor(obs, dtype=torch.float32)).argmax().item()
            obs, r, term, trunc, _ = env.step(a)
            total += r
            done = term or trunc
        returns.append(total)
    json.dump({"seed": args.seed, "mean_return": float(np.mean(returns))}, open(f"runs/bc_seed{args.seed}.json", "w"))
''',
    },
    labels=[dict(file="bc_single.py", find="train_ds, val_ds = random_split(ds, [0.9, 0.1])", category="SEED-UNSEEDED",
                 why="torch is never seeded: the split, the initialisation and the DataLoader shuffling change from run to run despite --seed")],
)
SPECS.append(S1)
SPECS.append(twin(S1, "seed-cleanrl-style-torch-seeded-clean",
    "Clean twin: torch.manual_seed(args.seed) with the other seeds, as CleanRL does.",
    {"bc_single.py": [("    np.random.seed(args.seed)\n", "    np.random.seed(args.seed)\n    torch.manual_seed(args.seed)\n    torch.backends.cudnn.deterministic = True\n")]}))

# S2 remote sensing tiles: unsorted glob assigns splits by position
S2 = dict(
    id="seed-order-glob-tiles-split-by-position",
    style="torch",
    description="Land-cover segmentation on GeoTIFF tiles. `make_splits.py` lists tiles with glob.glob (filesystem order) and assigns the first 70% to train, the next 15% to val and the rest to test, writing the three lists to text files. The split depends on the directory order of the machine it ran on.",
    files={
        "make_splits.py": r'''
import glob
import os

tiles = glob.glob("data/tiles/*.tif")
n = len(tiles)
n_tr, n_va = int(0.7 * n), int(0.15 * n)
splits = {"train": tiles[:n_tr], "val": tiles[n_tr:n_tr + n_va], "test": tiles[n_tr + n_va:]}
os.makedirs("splits", exist_ok=True)
for name, files in splits.items():
    with open(f"splits/{name}.txt", "w") as fh:
        fh.write("\n".join(os.path.basename(f) for f in files) + "\n")
print({k: len(v) for k, v in splits.items()})
''',
        "train_seg.py": r'''
import rasterio
import segmentation_models_pytorch as smp
import torch
from torch.utils.data import DataLoader, Dataset

torch.manual_seed(0)


class Tiles(Dataset):
    def __init__(self, split):
        self.names = open(f"splits/{split}.txt").read().split()

    def __len__(self):
        return len(self.names)

    def __getitem__(self, i):
        with rasterio.open(f"data/tiles/{self.names[i]}") as src:
            img = torch.from_numpy(src.read().astype("float32") / 10000.0)
        with rasterio.open(f"data/masks/{self.names[i]}") as src:
            mask = torch.from_numpy(src.read(1).astype("int64"))
        return img, mask


model = smp.Unet("resnet34", in_channels=4, classes=9)
loader = DataLoader(Tiles("train"), batch_size=16, shuffle=True)
''',
    },
    labels=[dict(file="make_splits.py", find='tiles = glob.glob("data/tiles/*.tif")', category="SEED-ORDER",
                 why="unsorted glob order decides which tiles are train, val and test")],
)
SPECS.append(S2)
SPECS.append(twin(S2, "seed-order-glob-tiles-sorted-seeded-shuffle-clean",
    "Clean twin: the list is sorted and shuffled with a fixed seed before the positional split.",
    {"make_splits.py": [("import glob\nimport os\n", "import glob\nimport os\nimport random\n"),
                        ('tiles = glob.glob("data/tiles/*.tif")', 'tiles = sorted(glob.glob("data/tiles/*.tif"))\nrandom.Random(17).shuffle(tiles)')]}))

# S3 notebook exported with outputs: the seed cell ran after the permutation cell
S3 = dict(
    id="seed-notebook-permutation-before-seed-cell",
    style="notebook",
    description="A notebook exported with outputs. The cell that permutes the rows into train and test (`np.random.permutation`) comes before the cell that sets `np.random.seed(42)`; the execution counts show the seed cell ran later too, so the split is not reproducible.",
    files={
        "analysis.ipynb": ("nb", [
            ("markdown", "# Wine quality: ridge baseline"),
            ("code", '''
import numpy as np
import pandas as pd
from sklearn.linear_model import Ridge
from sklearn.metrics import mean_squared_error
'''),
            ("code", '''
df = pd.read_csv("data/winequality-red.csv", sep=";")
X, y = df.drop(columns="quality").to_numpy(), df["quality"].to_numpy()
perm = np.random.permutation(len(df))
tr, te = perm[:1200], perm[1200:]
'''),
            ("code", '''
np.random.seed(42)
'''),
            ("code", '''
model = Ridge(alpha=1.0).fit(X[tr], y[tr])
rmse = mean_squared_error(y[te], model.predict(X[te])) ** 0.5
print(f"test RMSE {rmse:.3f}")
'''),
        ], [None, 1, 2, 3, 4]),
    },
    labels=[dict(file="analysis.ipynb", find="perm = np.random.permutation(len(df))", category="SEED-SAMPLING",
                 why="the split is drawn before the seed is set in a later cell")],
)
SPECS.append(S3)
SPECS.append(twin(S3, "seed-notebook-seed-cell-before-permutation-clean",
    "Clean twin: the seed is set in the import cell, before the permutation.",
    {}))
# the clean twin's notebook: the seed moves to the first code cell
S3_clean = SPECS[-1]
S3_clean["files"]["analysis.ipynb"] = ("nb", [
    ("markdown", "# Wine quality: ridge baseline"),
    ("code", '''
import numpy as np
import pandas as pd
from sklearn.linear_model import Ridge
from sklearn.metrics import mean_squared_error

np.random.seed(42)
'''),
    ("code", '''
df = pd.read_csv("data/winequality-red.csv", sep=";")
X, y = df.drop(columns="quality").to_numpy(), df["quality"].to_numpy()
perm = np.random.permutation(len(df))
tr, te = perm[:1200], perm[1200:]
'''),
    ("code", '''
model = Ridge(alpha=1.0).fit(X[tr], y[tr])
rmse = mean_squared_error(y[te], model.predict(X[te])) ** 0.5
print(f"test RMSE {rmse:.3f}")
'''),
], [None, 1, 2, 3])

# S4 sampling at temperature 0.9, one sample per item, two prompts compared
S4 = dict(
    id="seed-sampling-two-prompts-one-sample-temperature",
    style="llm-eval",
    description="Two system prompts (plain vs. 'think like a lawyer') are compared on 150 bar-exam questions with an async httpx client at temperature 0.9, one completion per question and prompt, and the difference in accuracy is reported as the effect of the prompt with no repeat or interval.",
    files={
        "prompt_ab.py": r'''
import asyncio
import json

import httpx

URL = "https://api.together.xyz/v1/chat/completions"
MODEL = "mistralai/Mixtral-8x7B-Instruct-v0.1"
PROMPTS = {
    "plain": "Answer the multiple-choice question with a single letter.",
    "lawyer": "You are an experienced attorney. Think like a lawyer, then answer with a single letter.",
}


async def ask(client, system, q):
    r = await client.post(URL, json={"model": MODEL, "temperature": 0.9, "max_tokens": 5,
                                     "messages": [{"role": "system", "content": system},
                                                  {"role": "user", "content": q}]})
    r.raise_for_status()
    return r.json()["choices"][0]["message"]["content"].strip()[:1].upper()


async def main():
    items = [json.loads(l) for l in open("data/mbe_sample.jsonl")]
    acc = {}
    async with httpx.AsyncClient(headers={"Authorization": "Bearer " + open(".together_key").read().strip()}, timeout=60) as c:
        for name, system in PROMPTS.items():
            preds = await asyncio.gather(*(ask(c, system, it["question"]) for it in items))
            acc[name] = sum(p == it["answer"] for p, it in zip(preds, items)) / len(items)
    acc["delta"] = acc["lawyer"] - acc["plain"]
    json.dump({"model": MODEL, "n": len(items), **acc}, open("results/prompt_ab.json", "w"))


asyncio.run(main())
''',
    },
    labels=[dict(file="prompt_ab.py", find='r = await client.post(URL, json={"model": MODEL, "temperature": 0.9, "max_tokens": 5,',
                 category="SEED-SAMPLING", why="one sample per item at temperature 0.9; the prompt difference is reported without repeats or an interval")],
)
SPECS.append(S4)
SPECS.append(twin(S4, "seed-sampling-two-prompts-greedy-clean",
    "Clean twin: greedy decoding (temperature 0).",
    {"prompt_ab.py": [('"temperature": 0.9,', '"temperature": 0,')]}))

# S5 a custom BatchSampler shuffling with the global random module, nothing seeded anywhere
S5 = dict(
    id="seed-custom-bucket-batch-sampler-unseeded",
    style="torch",
    description="Speech recognition with a length-bucketing batch sampler: `BucketBatchSampler.__iter__` shuffles the buckets and the batches with `random.shuffle`, and nothing in the project seeds `random` (or torch). The training order, and hence the reported WER, changes per run.",
    files={
        "asr/sampler.py": r'''
import random

from torch.utils.data import Sampler


class BucketBatchSampler(Sampler):
    def __init__(self, lengths, batch_size, n_buckets=20):
        order = sorted(range(len(lengths)), key=lambda i: lengths[i])
        size = (len(order) + n_buckets - 1) // n_buckets
        self.buckets = [order[i:i + size] for i in range(0, len(order), size)]
        self.batch_size = batch_size

    def __iter__(self):
        batches = []
        for b in self.buckets:
            b = b[:]
            random.shuffle(b)
            batches += [b[i:i + self.batch_size] for i in range(0, len(b), self.batch_size)]
        random.shuffle(batches)
        return iter(batches)

    def __len__(self):
        return sum((len(b) + self.batch_size - 1) // self.batch_size for b in self.buckets)
''',
        "asr/train.py": r'''
import json

import torch
import torchaudio
from torch.utils.data import DataLoader

from asr.data import LibriSubset, collate
from asr.sampler import BucketBatchSampler

bundle = torchaudio.pipelines.WAV2VEC2_BASE
model = bundle.get_model()
head = torch.nn.Linear(768, 32)
train = LibriSubset("data/train-clean-100-subset.tsv")
loader = DataLoader(train, batch_sampler=BucketBatchSampler(train.lengths(), 8), collate_fn=collate)
opt = torch.optim.AdamW(list(model.parameters()) + list(head.parameters()), lr=5e-5)
ctc = torch.nn.CTCLoss(blank=0, zero_infinity=True)
for epoch in range(3):
    model.train()
    for wav, wav_len, tgt, tgt_len in loader:
        feats, feat_len = model(wav, wav_len)
        logp = head(feats).log_softmax(-1).transpose(0, 1)
        loss = ctc(logp, tgt, feat_len, tgt_len)
        opt.zero_grad()
        loss.backward()
        opt.step()
torch.save({"model": model.state_dict(), "head": head.state_dict()}, "checkpoints/ctc.pt")
''',
        "asr/data.py": r'''
import torch
import torchaudio
from torch.utils.data import Dataset

CHARS = "_ abcdefghijklmnopqrstuvwxyz'"


class LibriSubset(Dataset):
    def __init__(self, tsv):
        self.rows = [l.rstrip("\n").split("\t") for l in open(tsv)]

    def __len__(self):
        return len(self.rows)

    def lengths(self):
        return [int(r[1]) for r in self.rows]

    def __getitem__(self, i):
        path, _, text = self.rows[i]
        wav, _ = torchaudio.load(path)
        return wav[0], torch.tensor([CHARS.index(c) for c in text.lower() if c in CHARS])


def collate(batch):
    wavs, tgts = zip(*batch)
    wav_len = torch.tensor([len(w) for w in wavs])
    tgt_len = torch.tensor([len(t) for t in tgts])
    return (torch.nn.utils.rnn.pad_sequence(wavs, batch_first=True), wav_len,
            torch.cat(tgts), tgt_len)
''',
    },
    labels=[dict(file="asr/sampler.py", find="random.shuffle(b)", category="SEED-UNSEEDED",
                 why="the batch sampler shuffles with the global random module, which nothing seeds")],
    also_ok=[dict(file="asr/sampler.py", find="random.shuffle(batches)", category="SEED-UNSEEDED"),
             dict(file="asr/train.py", find="head = torch.nn.Linear(768, 32)", category="SEED-UNSEEDED")],
)
SPECS.append(S5)

# S6 set of user ids turned into a list and split by position
S6 = dict(
    id="seed-order-set-of-users-split-by-position",
    style="mixed",
    description="A user-level split for a session-based recommender: `users = list(set(df.user_id))` and the first 80% are training users. String hashing is randomised per process (PYTHONHASHSEED), so the set's order and the split change between runs.",
    files={
        "split_users.py": r'''
import pandas as pd

df = pd.read_parquet("data/sessions.parquet")       # user_id (str), session_id, item_id, ts
users = list(set(df.user_id))
cut = int(0.8 * len(users))
train_users, test_users = set(users[:cut]), set(users[cut:])
df[df.user_id.isin(train_users)].to_parquet("data/train_sessions.parquet")
df[df.user_id.isin(test_users)].to_parquet("data/test_sessions.parquet")
print(len(train_users), "train users,", len(test_users), "test users")
''',
    },
    labels=[dict(file="split_users.py", find="users = list(set(df.user_id))", category="SEED-ORDER",
                 why="the order of a set of strings changes per process; the positional cut assigns users to train/test differently each run")],
)
SPECS.append(S6)
SPECS.append(twin(S6, "seed-order-sorted-users-seeded-permutation-clean",
    "Clean twin: the unique users are sorted and permuted with a seeded generator.",
    {"split_users.py": [("import pandas as pd\n", "import numpy as np\nimport pandas as pd\n"),
                        ("users = list(set(df.user_id))", "users = list(np.random.default_rng(5).permutation(sorted(df.user_id.unique())))")]}))

# S7 JAX PRNG key from the wall clock
S7 = dict(
    id="seed-jax-prngkey-from-time",
    style="mixed",
    description="A JAX/optax MLP on tabular data: the PRNG key for initialisation and minibatch permutation is `jax.random.PRNGKey(int(time.time()))`, and the key is never saved with the results, so the reported accuracy cannot be reproduced.",
    files={
        "jax_mlp.py": r'''
import json
import time

import jax
import jax.numpy as jnp
import numpy as np
import optax

d = np.load("data/adult_splits.npz")
Xtr, ytr, Xte, yte = map(jnp.asarray, (d["X_train"], d["y_train"], d["X_test"], d["y_test"]))

key = jax.random.PRNGKey(int(time.time()))


def init(key, sizes=(Xtr.shape[1], 128, 2)):
    params = []
    for k, (m, n) in zip(jax.random.split(key, len(sizes) - 1), zip(sizes[:-1], sizes[1:])):
        params.append((jax.random.normal(k, (m, n)) * jnp.sqrt(2 / m), jnp.zeros(n)))
    return params


def forward(params, x):
    for W, b in params[:-1]:
        x = jax.nn.relu(x @ W + b)
    W, b = params[-1]
    return x @ W + b


def loss(params, x, y):
    return optax.softmax_cross_entropy_with_integer_labels(forward(params, x), y).mean()


key, sub = jax.random.split(key)
params = init(sub)
opt = optax.adam(1e-3)
state = opt.init(params)


@jax.jit
def step(params, state, x, y):
    g = jax.grad(loss)(params, x, y)
    upd, state = opt.update(g, state)
    return optax.apply_updates(params, upd), state


for epoch in range(20):
    key, sub = jax.random.split(key)
    perm = jax.random.permutation(sub, len(Xtr))
    for i in range(0, len(Xtr), 256):
        idx = perm[i:i + 256]
        params, state = step(params, state, Xtr[idx], ytr[idx])

acc = float((forward(params, Xte).argmax(-1) == yte).mean())
json.dump({"test_acc": acc}, open("results/jax_mlp.json", "w"))
''',
    },
    labels=[dict(file="jax_mlp.py", find="key = jax.random.PRNGKey(int(time.time()))", category="SEED-UNSEEDED",
                 why="the PRNG key comes from the clock and is not recorded")],
)
SPECS.append(S7)

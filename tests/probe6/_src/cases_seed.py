CASES = []

# ---------------------------------------------------------------- S1 CleanRL DQN, python random unseeded
S1 = r'''
# adapted from CleanRL dqn.py (single-file)
import argparse
import random
import time

import gymnasium as gym
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from stable_baselines3.common.buffers import ReplayBuffer


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--env-id", default="CartPole-v1")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--total-timesteps", type=int, default=500_000)
    p.add_argument("--learning-rate", type=float, default=2.5e-4)
    p.add_argument("--buffer-size", type=int, default=10_000)
    p.add_argument("--gamma", type=float, default=0.99)
    p.add_argument("--start-e", type=float, default=1.0)
    p.add_argument("--end-e", type=float, default=0.05)
    p.add_argument("--exploration-fraction", type=float, default=0.5)
    p.add_argument("--batch-size", type=int, default=128)
    return p.parse_args()


class QNetwork(nn.Module):
    def __init__(self, env):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(np.prod(env.single_observation_space.shape), 120),
                                 nn.ReLU(), nn.Linear(120, 84), nn.ReLU(),
                                 nn.Linear(84, env.single_action_space.n))

    def forward(self, x):
        return self.net(x)


def linear_schedule(start_e, end_e, duration, t):
    return max(start_e + (end_e - start_e) * t / duration, end_e)


if __name__ == "__main__":
    args = parse_args()
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    envs = gym.vector.SyncVectorEnv([lambda: gym.make(args.env_id)])
    q_network = QNetwork(envs).to(device)
    optimizer = torch.optim.Adam(q_network.parameters(), lr=args.learning_rate)
    target_network = QNetwork(envs).to(device)
    target_network.load_state_dict(q_network.state_dict())
    rb = ReplayBuffer(args.buffer_size, envs.single_observation_space, envs.single_action_space,
                      device, handle_timeout_termination=False)
    obs, _ = envs.reset(seed=args.seed)
    returns = []
    for global_step in range(args.total_timesteps):
        epsilon = linear_schedule(args.start_e, args.end_e,
                                  args.exploration_fraction * args.total_timesteps, global_step)
        if random.random() < epsilon:  #!SEED-UNSEEDED+1
            actions = np.array([envs.single_action_space.sample() for _ in range(envs.num_envs)])
        else:
            actions = torch.argmax(q_network(torch.Tensor(obs).to(device)), dim=1).cpu().numpy()
        next_obs, rewards, terms, truncs, infos = envs.step(actions)
        if "final_info" in infos:
            for info in infos["final_info"]:
                if info and "episode" in info:
                    returns.append(float(info["episode"]["r"]))
        rb.add(obs, next_obs, actions, rewards, terms, infos)
        obs = next_obs
        if global_step > 10_000 and global_step % 10 == 0:
            data = rb.sample(args.batch_size)
            with torch.no_grad():
                target_max, _ = target_network(data.next_observations).max(dim=1)
                td_target = data.rewards.flatten() + args.gamma * target_max * (1 - data.dones.flatten())
            old_val = q_network(data.observations).gather(1, data.actions).squeeze()
            loss = F.mse_loss(td_target, old_val)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            if global_step % 500 == 0:
                target_network.load_state_dict(q_network.state_dict())
    print(f"seed {args.seed}: mean return of last 20 episodes {np.mean(returns[-20:]):.1f}")
'''
CASES.append({
    "id": "probe6-seed-cleanrl-python-random",
    "style": "torch",
    "description": "CleanRL-style single-file DQN. numpy and torch are seeded from --seed and the env reset is seeded, but the epsilon-greedy draw uses Python's random module (never seeded) and the action space's sample() is never seeded (envs.single_action_space.seed is not called), so runs with the same --seed differ and the per-seed results are not reproducible.",
    "why_default": "exploration uses random.random() and action_space.sample() which are never seeded",
    "files": {"dqn.py": S1},
})

# ---------------------------------------------------------------- S2 glob order through helper assigns splits by position
S2_IO = r'''
import glob
import os


def list_recordings(root: str, ext: str = "flac") -> list[str]:
    """All recordings under root (one file per speaker utterance)."""
    return glob.glob(os.path.join(root, "**", f"*.{ext}"), recursive=True)  #!SEED-ORDER
'''
S2_PREP = r'''
import json
import os

from utils.io import list_recordings

ROOT = os.environ.get("AUDIO_ROOT", "/data/keyword_clips")

files = list_recordings(ROOT)
n = len(files)
n_val = n_test = n // 10
splits = {
    "test": files[:n_test],  #?SEED-ORDER+2
    "val": files[n_test:n_test + n_val],
    "train": files[n_test + n_val:],
}
os.makedirs("splits", exist_ok=True)
for name, items in splits.items():
    with open(f"splits/{name}.json", "w") as f:
        json.dump(items, f)
print({k: len(v) for k, v in splits.items()})
'''
CASES.append({
    "id": "probe6-seed-glob-helper-positional-split",
    "style": "mixed",
    "description": "Keyword-spotting split preparation. utils.io.list_recordings returns recursive glob results unsorted (filesystem order), and prepare_splits.py assigns the first 10% to test, the next 10% to val by position, so the split membership depends on the machine's directory order and is not reproducible.",
    "why_default": "unsorted glob order decides which files become test/val/train",
    "files": {"utils/__init__.py": "", "utils/io.py": S2_IO, "prepare_splits.py": S2_PREP},
})
CASES.append({
    "id": "probe6-clean-glob-helper-sorted",
    "style": "mixed",
    "description": "Clean twin: the helper sorts the glob result, so the positional split is deterministic.",
    "files": {"utils/__init__.py": "",
              "utils/io.py": S2_IO.replace('''    return glob.glob(os.path.join(root, "**", f"*.{ext}"), recursive=True)  #!SEED-ORDER''',
                                           '''    return sorted(glob.glob(os.path.join(root, "**", f"*.{ext}"), recursive=True))'''),
              "prepare_splits.py": S2_PREP.replace("  #?SEED-ORDER+2", "")},
})

# ---------------------------------------------------------------- S3 vLLM sampling once per item, conditions compared
S3 = r'''
"""Does a 'think carefully' system prompt improve MATH-500 accuracy?  vLLM offline inference."""
import json

from datasets import load_dataset
from vllm import LLM, SamplingParams

from grading import is_equiv, last_boxed

MODEL = "Qwen/Qwen2.5-7B-Instruct"
SYSTEMS = {
    "plain": "Please reason step by step, and put your final answer within \\boxed{}.",
    "careful": "Think very carefully and double-check each step. Put your final answer within \\boxed{}.",
}

llm = LLM(model=MODEL, tensor_parallel_size=2, max_model_len=8192)
tok = llm.get_tokenizer()
params = SamplingParams(temperature=0.8, top_p=0.95, max_tokens=4096)  #!SEED-SAMPLING
ds = load_dataset("HuggingFaceH4/MATH-500", split="test")

acc = {}
for name, system in SYSTEMS.items():
    prompts = [tok.apply_chat_template([{"role": "system", "content": system},
                                        {"role": "user", "content": ex["problem"]}],
                                       tokenize=False, add_generation_prompt=True) for ex in ds]
    outs = llm.generate(prompts, params)
    correct = [is_equiv(last_boxed(o.outputs[0].text), ex["answer"]) for o, ex in zip(outs, ds)]
    acc[name] = sum(correct) / len(correct)
print(acc, "delta", acc["careful"] - acc["plain"])
json.dump(acc, open("results/system_prompt_ablation.json", "w"))  #?RESULT-PROVENANCE
'''
GRADING = r'''
import re


def last_boxed(text):
    i = text.rfind("\\boxed{")
    if i < 0:
        return None
    depth, j = 0, i + len("\\boxed{")
    for k in range(j, len(text)):
        if text[k] == "{":
            depth += 1
        elif text[k] == "}":
            if depth == 0:
                return text[j:k]
            depth -= 1
    return None


def _norm(s):
    return re.sub(r"\s+|\\left|\\right|\\!", "", s or "").rstrip(".")


def is_equiv(a, b):
    return _norm(a) == _norm(b)
'''
CASES.append({
    "id": "probe6-seed-vllm-temp-single-sample",
    "style": "llm-eval",
    "description": "System-prompt ablation on MATH-500 with vLLM offline. Both conditions are sampled at temperature 0.8 with one sample per problem and no seed, and the accuracy delta between them (a few points) is reported without repeats or a variance estimate.",
    "why_default": "temperature 0.8, one unseeded sample per item, two conditions compared on a single draw",
    "files": {"ablate_system.py": S3, "grading.py": GRADING, "results/.gitkeep": ""},
})
S3_OK = S3.replace('''params = SamplingParams(temperature=0.8, top_p=0.95, max_tokens=4096)  #!SEED-SAMPLING''',
                   '''N_SAMPLES = 8
params = SamplingParams(temperature=0.8, top_p=0.95, max_tokens=4096, n=N_SAMPLES, seed=1234)''').replace(
'''    correct = [is_equiv(last_boxed(o.outputs[0].text), ex["answer"]) for o, ex in zip(outs, ds)]
    acc[name] = sum(correct) / len(correct)
print(acc, "delta", acc["careful"] - acc["plain"])''', '''    per_sample = [[is_equiv(last_boxed(c.text), ex["answer"]) for c in o.outputs]
                  for o, ex in zip(outs, ds)]
    runs = [sum(row[s] for row in per_sample) / len(per_sample) for s in range(N_SAMPLES)]
    acc[name] = {"mean": statistics.mean(runs), "sd": statistics.stdev(runs), "runs": runs}
print({k: (round(v["mean"], 4), round(v["sd"], 4)) for k, v in acc.items()})''').replace(
    "import json\n", "import json\nimport statistics\n")
CASES.append({
    "id": "probe6-clean-vllm-temp-eight-samples",
    "style": "llm-eval",
    "description": "Clean twin: eight seeded samples per problem, per-sample-index accuracies reported with their standard deviation.",
    "files": {"ablate_system.py": S3_OK, "grading.py": GRADING, "results/.gitkeep": ""},
})

# ---------------------------------------------------------------- S4 notebook: subset drawn before the seed cell
S4 = [
    ("markdown", "# Reward-model agreement on a 2k subset of HH-RLHF"),
    ("code", '''import numpy as np
import pandas as pd
import torch
from transformers import AutoModelForSequenceClassification, AutoTokenizer'''),
    ("code", '''df = pd.read_json("data/hh_rlhf_test.jsonl", lines=True)
sub = df.iloc[np.random.permutation(len(df))[:2000]].reset_index(drop=True)  #!SEED-SAMPLING
len(sub)''', "2000"),
    ("markdown", "Fix seeds so the numbers below are reproducible."),
    ("code", '''SEED = 0
np.random.seed(SEED)
torch.manual_seed(SEED)'''),
    ("code", '''name = "OpenAssistant/reward-model-deberta-v3-large-v2"
tok = AutoTokenizer.from_pretrained(name)
rm = AutoModelForSequenceClassification.from_pretrained(name).eval().cuda()

@torch.no_grad()
def reward(texts):
    enc = tok(texts, truncation=True, max_length=512, padding=True, return_tensors="pt").to("cuda")
    return rm(**enc).logits.squeeze(-1).float().cpu().numpy()'''),
    ("code", '''r_chosen = np.concatenate([reward(sub.chosen[i:i+32].tolist()) for i in range(0, len(sub), 32)])
r_rejected = np.concatenate([reward(sub.rejected[i:i+32].tolist()) for i in range(0, len(sub), 32)])
agreement = (r_chosen > r_rejected).mean()
print(f"pairwise agreement: {agreement:.3f} on n={len(sub)}")''', "pairwise agreement: 0.693 on n=2000"),
]
CASES.append({
    "id": "probe6-seed-notebook-subset-before-seed",
    "style": "notebook",
    "description": "Reward-model agreement notebook. The 2,000-pair subset is drawn with np.random.permutation in cell 2, and the seeds are set in cell 4 ('so the numbers below are reproducible'), after the only random draw; the reported agreement is on an unrecorded subset.",
    "why_default": "np.random.permutation subset drawn in a cell before the seed is set",
    "files": {"rm_agreement.ipynb": S4},
})

# ---------------------------------------------------------------- S5 hydra config has seed, never used; random_split unseeded
S5_CONF = '''defaults:
  - _self_

seed: 1234
data:
  path: data/molecules.parquet
  val_frac: 0.1
  test_frac: 0.1
model:
  hidden: 256
  layers: 4
  dropout: 0.1
train:
  epochs: 100
  lr: 3e-4
  batch_size: 128
'''
S5_DATA = r'''
import pandas as pd
import torch
from torch.utils.data import Dataset, random_split


class FingerprintDataset(Dataset):
    def __init__(self, path):
        df = pd.read_parquet(path)
        self.x = torch.tensor(df.filter(like="fp_").values, dtype=torch.float32)
        self.y = torch.tensor(df["logS"].values, dtype=torch.float32)

    def __len__(self):
        return len(self.y)

    def __getitem__(self, i):
        return self.x[i], self.y[i]


def make_splits(cfg):
    ds = FingerprintDataset(cfg.path)
    n_val = int(cfg.val_frac * len(ds))
    n_test = int(cfg.test_frac * len(ds))
    return random_split(ds, [len(ds) - n_val - n_test, n_val, n_test])  #?SEED-UNSEEDED
'''
S5_TRAIN = r'''
import json

import hydra
import torch
from omegaconf import DictConfig, OmegaConf
from torch import nn
from torch.utils.data import DataLoader

from solubility.data import make_splits


def mlp(d_in, hidden, layers, dropout):
    mods, d = [], d_in
    for _ in range(layers):
        mods += [nn.Linear(d, hidden), nn.ReLU(), nn.Dropout(dropout)]
        d = hidden
    return nn.Sequential(*mods, nn.Linear(d, 1))


@hydra.main(config_path="../conf", config_name="config", version_base=None)
def main(cfg: DictConfig):
    train, val, test = make_splits(cfg.data)
    net = mlp(train[0][0].numel(), **cfg.model)
    opt = torch.optim.AdamW(net.parameters(), lr=cfg.train.lr)
    best, best_state = float("inf"), None
    for epoch in range(cfg.train.epochs):
        net.train()
        for x, y in DataLoader(train, batch_size=cfg.train.batch_size, shuffle=True):  #!SEED-UNSEEDED
            loss = nn.functional.mse_loss(net(x).squeeze(-1), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
        net.eval()
        with torch.no_grad():
            xs, ys = map(torch.stack, zip(*[val[i] for i in range(len(val))]))
            v = nn.functional.mse_loss(net(xs).squeeze(-1), ys).sqrt().item()
        if v < best:
            best, best_state = v, {k: t.clone() for k, t in net.state_dict().items()}
    net.load_state_dict(best_state)
    with torch.no_grad():
        xs, ys = map(torch.stack, zip(*[test[i] for i in range(len(test))]))
        rmse = nn.functional.mse_loss(net(xs).squeeze(-1), ys).sqrt().item()
    print(f"test RMSE {rmse:.3f}")
    json.dump({"test_rmse": rmse, "val_rmse": best, "config": OmegaConf.to_container(cfg)},
              open("metrics.json", "w"), indent=1)


if __name__ == "__main__":
    main()
'''
CASES.append({
    "id": "probe6-seed-hydra-seed-never-used",
    "style": "torch",
    "description": "Solubility MLP with a hydra config whose `seed: 1234` is saved with the metrics but never applied: no torch.manual_seed / seed_everything anywhere, and make_splits calls random_split without a generator, so the train/val/test membership, weight init, dropout and shuffling change every run while the saved config claims seed 1234. Model selection is on val (near miss).",
    "why_default": "the entry point never applies the configured seed: this DataLoader shuffle, the weight init and random_split in data.py (no generator) are all unseeded",
    "files": {"conf/config.yaml": S5_CONF, "solubility/__init__.py": "", "solubility/data.py": S5_DATA,
              "solubility/train.py": S5_TRAIN},
})

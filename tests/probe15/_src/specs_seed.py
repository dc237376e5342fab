from twin import twin

SPECS = []

# S1 notebook: df.sample in an early cell, the seed in a later cell
S1 = dict(
    id="seed-notebook-sample-before-seed-cell-magics",
    style="notebook",
    description="An annotation-agreement notebook with IPython magics. Cell 2 draws the 300 reviews to annotate with `df.sample(300)`; the `np.random.seed(0)` cell comes after it (cell 4), so the subsample, and the agreement computed on it, changes on every run from the top.",
    files={
        "agreement.ipynb": ("nb", [
            ("markdown", "# Inter-annotator agreement on a review subsample"),
            ("code", '''
            %matplotlib inline
            %load_ext autoreload
            %autoreload 2
            import numpy as np
            import pandas as pd
            from sklearn.metrics import cohen_kappa_score
            df = pd.read_parquet("data/reviews.parquet")
            '''),
            ("code", '''
            sub = df.sample(300)
            sub[["review_id", "text"]].to_csv("annotation/batch1.csv", index=False)
            '''),
            ("markdown", "Annotations came back from both annotators; load them."),
            ("code", '''
            np.random.seed(0)
            a = pd.read_csv("annotation/batch1_annot_A.csv")
            b = pd.read_csv("annotation/batch1_annot_B.csv")
            merged = a.merge(b, on="review_id", suffixes=("_a", "_b"))
            '''),
            ("code", '''
            kappa = cohen_kappa_score(merged["label_a"], merged["label_b"])
            print(f"Cohen's kappa = {kappa:.3f} on {len(merged)} reviews")
            '''),
        ]),
    },
    labels=[dict(file="agreement.ipynb", find="sub = df.sample(300)", category="SEED-UNSEEDED",
                 why="df.sample without random_state, before the cell that seeds numpy")],
    also_ok=[dict(file="agreement.ipynb", find="np.random.seed(0)", category="SEED-SAMPLING")],
)
SPECS.append(S1)

# S2 os.listdir order assigns splits by position, through a helper in another module
S2 = dict(
    id="seed-listdir-split-by-position-helper-module",
    style="torch",
    description="A histology patch classifier with a torchvision-style Dataset. data/index.py lists slide folders with os.listdir and the first 80% become training slides, the rest test slides. os.listdir order is filesystem-dependent, so which slides are test changes between machines and the reported accuracy is not reproducible.",
    files={
        "histo/index.py": r'''
import os

ROOT = "data/slides"


def slide_split(frac_train=0.8):
    slides = [s for s in os.listdir(ROOT) if not s.startswith(".")]
    cut = int(len(slides) * frac_train)
    return slides[:cut], slides[cut:]
''',
        "histo/dataset.py": r'''
import os

from PIL import Image
from torch.utils.data import Dataset

from histo.index import ROOT


class PatchDataset(Dataset):
    def __init__(self, slides, transform):
        self.items = []
        for s in slides:
            label = int(open(os.path.join(ROOT, s, "label.txt")).read())
            for f in sorted(os.listdir(os.path.join(ROOT, s, "patches"))):
                self.items.append((os.path.join(ROOT, s, "patches", f), label))
        self.transform = transform

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        p, y = self.items[i]
        return self.transform(Image.open(p).convert("RGB")), y
''',
        "train.py": r'''
import torch
import torchvision
import torchvision.transforms as T

from histo.dataset import PatchDataset
from histo.index import slide_split

torch.manual_seed(0)
train_slides, test_slides = slide_split()
tf = T.Compose([T.Resize(224), T.ToTensor()])
train_dl = torch.utils.data.DataLoader(PatchDataset(train_slides, tf), batch_size=64, shuffle=True)
test_dl = torch.utils.data.DataLoader(PatchDataset(test_slides, tf), batch_size=128)
model = torchvision.models.resnet18(num_classes=2)
opt = torch.optim.Adam(model.parameters(), 1e-4)
for ep in range(5):
    model.train()
    for x, y in train_dl:
        loss = torch.nn.functional.cross_entropy(model(x), y)
        opt.zero_grad(); loss.backward(); opt.step()
model.eval()
with torch.no_grad():
    acc = sum((model(x).argmax(1) == y).sum().item() for x, y in test_dl) / len(test_dl.dataset)
print("slide-level test accuracy", acc)
''',
    },
    labels=[dict(file="histo/index.py", find='slides = [s for s in os.listdir(ROOT) if not s.startswith(".")]',
                 category="SEED-ORDER", why="unsorted os.listdir order decides which slides are train and test")],
)
SPECS.append(S2)
SPECS.append(twin(S2, "seed-listdir-split-sorted-helper-module-clean",
    "Clean twin: the slide list is sorted before the positional cut.",
    {"histo/index.py": [('slides = [s for s in os.listdir(ROOT) if not s.startswith(".")]',
                         'slides = sorted(s for s in os.listdir(ROOT) if not s.startswith("."))')]}))

# S3 stable-baselines3: no seed anywhere, algorithms compared on one run each
S3 = dict(
    id="seed-sb3-ppo-a2c-unseeded-single-run",
    style="mixed",
    description="PPO and A2C compared on a gymnasium environment with a reward-shaping wrapper. Neither the algorithms (`seed=`) nor the environments (`reset(seed=)`) are seeded, one run per algorithm, and the mean evaluation returns are written as the comparison.",
    files={
        "rl/wrappers.py": r'''
import gymnasium as gym


class ShapedReward(gym.Wrapper):
    def step(self, action):
        obs, r, term, trunc, info = self.env.step(action)
        r = r + 0.01 * float(abs(obs[1]) < 0.05)
        return obs, r, term, trunc, info
''',
        "rl/compare.py": r'''
import json

import gymnasium as gym
from stable_baselines3 import A2C, PPO
from stable_baselines3.common.evaluation import evaluate_policy

from rl.wrappers import ShapedReward

results = {}
for name, Algo in {"ppo": PPO, "a2c": A2C}.items():
    env = ShapedReward(gym.make("CartPole-v1"))
    model = Algo("MlpPolicy", env, verbose=0)
    model.learn(total_timesteps=100_000)
    mean_r, std_r = evaluate_policy(model, ShapedReward(gym.make("CartPole-v1")), n_eval_episodes=20)
    results[name] = {"mean_return": mean_r, "std_return": std_r}
json.dump(results, open("results/ppo_vs_a2c.json", "w"), indent=1)
print(results)
''',
    },
    labels=[dict(file="rl/compare.py", find='model = Algo("MlpPolicy", env, verbose=0)', category="SEED-UNSEEDED",
                 why="no seed for the algorithm or environments; one run per algorithm compared")],
)
SPECS.append(S3)
SPECS.append(twin(S3, "seed-sb3-ppo-a2c-seeded-runs-clean",
    "Clean twin: five seeds per algorithm, seeded algorithm and evaluation environment, mean and std across seeds.",
    {"rl/compare.py": [
        ("import json\n", "import json\n\nimport numpy as np\n"),
        ('    env = ShapedReward(gym.make("CartPole-v1"))\n    model = Algo("MlpPolicy", env, verbose=0)\n    model.learn(total_timesteps=100_000)\n    mean_r, std_r = evaluate_policy(model, ShapedReward(gym.make("CartPole-v1")), n_eval_episodes=20)\n    results[name] = {"mean_return": mean_r, "std_return": std_r}',
         '    per_seed = []\n    for seed in range(5):\n        env = ShapedReward(gym.make("CartPole-v1"))\n        model = Algo("MlpPolicy", env, verbose=0, seed=seed)\n        model.learn(total_timesteps=100_000)\n        eval_env = ShapedReward(gym.make("CartPole-v1"))\n        eval_env.reset(seed=1000 + seed)\n        per_seed.append(evaluate_policy(model, eval_env, n_eval_episodes=20)[0])\n    results[name] = {"seeds": 5, "mean_return": float(np.mean(per_seed)), "std_over_seeds": float(np.std(per_seed))}')]}))

# S4 bootstrap CI with an unseeded generator under joblib.Parallel, written to a markdown table
S4 = dict(
    id="seed-bootstrap-ci-unseeded-rng-joblib-markdown",
    style="mixed",
    description="An R-style analysis in pandas: per-condition accuracy with 95% bootstrap confidence intervals, computed in parallel with joblib and written as a markdown table for the paper. Each worker draws with `np.random.default_rng()` without a seed, so the CIs in the table change on every run.",
    files={
        "analysis/bootstrap.py": r'''
import numpy as np
from joblib import Parallel, delayed


def _one(correct, n_boot):
    rng = np.random.default_rng()
    idx = rng.integers(0, len(correct), size=(n_boot, len(correct)))
    return correct[idx].mean(axis=1)


def bootstrap_ci(correct, n_boot=10_000, n_jobs=4, alpha=0.05):
    chunks = Parallel(n_jobs=n_jobs)(delayed(_one)(correct, n_boot // n_jobs) for _ in range(n_jobs))
    stats = np.concatenate(chunks)
    return np.quantile(stats, [alpha / 2, 1 - alpha / 2])
''',
        "analysis/make_table.py": r'''
import pandas as pd

from analysis.bootstrap import bootstrap_ci

df = pd.read_csv("results/item_scores.csv")   # condition, item_id, correct
rows = []
for cond, g in df.groupby("condition"):
    lo, hi = bootstrap_ci(g["correct"].to_numpy())
    rows.append({"condition": cond, "n": len(g), "accuracy": g["correct"].mean(), "ci_low": lo, "ci_high": hi})
table = pd.DataFrame(rows)
with open("paper/table_accuracy.md", "w") as fh:
    fh.write(table.to_markdown(index=False, floatfmt=".3f"))
''',
    },
    labels=[dict(file="analysis/bootstrap.py", find="rng = np.random.default_rng()", category="SEED-UNSEEDED",
                 why="bootstrap generator without a seed; the CIs in the paper table change each run")],
)
SPECS.append(S4)

# S5 cohere: temperature 0.9, one sample per item, two prompt variants compared
S5 = dict(
    id="seed-cohere-temperature-one-sample-prompts-compared",
    style="llm-eval",
    description="Two instruction phrasings are compared on a classification set through the Cohere client at temperature 0.9 with one sample per item and no repeats; the difference between the two accuracies is reported as the effect of the phrasing, with no account of sampling variance.",
    files={
        "prompt_ab.py": r'''
import json
import os

import cohere

co = cohere.ClientV2(api_key=os.environ["CO_API_KEY"])
VARIANTS = {
    "terse": "Classify the sentiment as positive, negative or neutral. One word.",
    "polite": "Please read the review carefully and tell me whether its sentiment is positive, negative or neutral. One word.",
}
items = [json.loads(l) for l in open("data/reviews_dev.jsonl")]

acc = {}
for name, instr in VARIANTS.items():
    hits = 0
    for it in items:
        r = co.chat(model="command-r-plus", temperature=0.9,
                    messages=[{"role": "system", "content": instr}, {"role": "user", "content": it["text"]}])
        hits += r.message.content[0].text.strip().lower().startswith(it["label"])
    acc[name] = hits / len(items)
print(acc, "difference", acc["polite"] - acc["terse"])
''',
    },
    labels=[dict(file="prompt_ab.py", find='r = co.chat(model="command-r-plus", temperature=0.9,', category="SEED-SAMPLING",
                 why="sampled at temperature 0.9 once per item; the variants' difference has no variance estimate")],
)
SPECS.append(S5)

SPECS = []

# S1 notebook: permutation drawn in a cell before the seed cell
SPECS.append(dict(
    id="seed-notebook-draw-before-seed-cell",
    style="notebook",
    description="Label-noise experiment notebook. A cell flips 20% of the labels with np.random.permutation; the cell that calls np.random.seed(0) comes after it, so which labels were flipped changes on every run while the notebook looks seeded.",
    files={
        "label_noise.ipynb": ("nb", [
            ("markdown", "# How robust is a small CNN to 20% symmetric label noise?"),
            ("code", '''
                import numpy as np
                import torch
                from torchvision.datasets import FashionMNIST
                train = FashionMNIST("data", train=True, download=True)
                labels = train.targets.numpy().copy()
            '''),
            ("code", '''
                n_noisy = int(0.2 * len(labels))
                flip_idx = np.random.permutation(len(labels))[:n_noisy]
                labels[flip_idx] = (labels[flip_idx] + np.random.randint(1, 10, size=n_noisy)) % 10
                train.targets = torch.tensor(labels)
            '''),
            ("code", '''
                np.random.seed(0)
                torch.manual_seed(0)
                from cnn import SmallCNN, fit, test_accuracy
                model = fit(SmallCNN(), train, epochs=15)
                print("clean test accuracy under 20% noise:", test_accuracy(model))
            '''),
        ]),
        "cnn.py": '''
            import torch
            from torch.utils.data import DataLoader
            from torchvision.datasets import FashionMNIST
            import torchvision.transforms.functional as TF


            class SmallCNN(torch.nn.Module):
                def __init__(self):
                    super().__init__()
                    self.net = torch.nn.Sequential(torch.nn.Conv2d(1, 16, 3), torch.nn.ReLU(), torch.nn.Flatten(),
                                                   torch.nn.Linear(16 * 26 * 26, 10))

                def forward(self, x):
                    return self.net(x)


            def fit(model, ds, epochs):
                opt = torch.optim.Adam(model.parameters(), 1e-3)
                X = ds.data.float().unsqueeze(1) / 255
                for _ in range(epochs):
                    for xb, yb in DataLoader(list(zip(X, ds.targets)), batch_size=128, shuffle=True):
                        opt.zero_grad()
                        torch.nn.functional.cross_entropy(model(xb), yb).backward()
                        opt.step()
                return model


            def test_accuracy(model):
                te = FashionMNIST("data", train=False, download=True)
                model.eval()
                with torch.no_grad():
                    pred = model(te.data.float().unsqueeze(1) / 255).argmax(1)
                return (pred == te.targets).float().mean().item()
        ''',
    },
    labels=[dict(file="label_noise.ipynb", find="flip_idx = np.random.permutation(len(labels))[:n_noisy]", category="SEED-SAMPLING",
                 why="the noise is drawn before the seed cell runs; np.random.seed(0) in the next cell controls nothing of it")],
    also_ok=[dict(file="label_noise.ipynb", find="np.random.randint(1, 10, size=n_noisy)", category="SEED-UNSEEDED", why="same draw decision")],
))

# S2 unsorted os.listdir in a helper module; split by position
SPECS.append(dict(
    id="seed-listdir-helper-positional-split",
    style="torch",
    description="Histology patch classifier. data_io.list_patches returns os.listdir order; train.py assigns the first 80% of that list to training and the rest to test, so the split depends on the filesystem's directory order and differs between machines.",
    files={
        "histo/data_io.py": '''
            import os

            from PIL import Image


            def list_patches(root):
                out = []
                for cls in ("benign", "malignant"):
                    folder = os.path.join(root, cls)
                    for name in os.listdir(folder):
                        if name.endswith(".png"):
                            out.append((os.path.join(folder, name), int(cls == "malignant")))
                return out


            def load(path):
                return Image.open(path).convert("RGB")
        ''',
        "histo/__init__.py": "",
        "train.py": '''
            import json

            import torch

            from histo.data_io import list_patches, load
            from histo.model import build_model, evaluate, train_epochs

            torch.manual_seed(0)
            items = list_patches("data/patches")
            cut = int(0.8 * len(items))
            train_items, test_items = items[:cut], items[cut:]
            model = train_epochs(build_model(), [(load(p), y) for p, y in train_items], epochs=10)
            acc = evaluate(model, [(load(p), y) for p, y in test_items])
            json.dump({"test_acc": acc, "n_test": len(test_items), "seed": 0}, open("results/histo.json", "w"))
        ''',
    },
    labels=[dict(file="histo/data_io.py", find="for name in os.listdir(folder):", category="SEED-ORDER",
                 why="unsorted os.listdir order decides which patches fall in the first 80% (train) in train.py")],
    also_ok=[dict(file="train.py", find="train_items, test_items = items[:cut], items[cut:]", category="SEED-ORDER", why="the positional split")],
))

# S2 twin: sorted and shuffled with a seeded generator
SPECS.append(dict(
    id="seed-listdir-helper-sorted-clean",
    style="torch",
    description="Clean twin: the helper sorts the listing and train.py shuffles it with a seeded generator before the positional split.",
    files={
        "histo/data_io.py": '''
            import os

            from PIL import Image


            def list_patches(root):
                out = []
                for cls in ("benign", "malignant"):
                    folder = os.path.join(root, cls)
                    for name in sorted(os.listdir(folder)):
                        if name.endswith(".png"):
                            out.append((os.path.join(folder, name), int(cls == "malignant")))
                return out


            def load(path):
                return Image.open(path).convert("RGB")
        ''',
        "histo/__init__.py": "",
        "train.py": '''
            import json
            import random

            import torch

            from histo.data_io import list_patches, load
            from histo.model import build_model, evaluate, train_epochs

            torch.manual_seed(0)
            items = list_patches("data/patches")
            random.Random(0).shuffle(items)
            cut = int(0.8 * len(items))
            train_items, test_items = items[:cut], items[cut:]
            model = train_epochs(build_model(), [(load(p), y) for p, y in train_items], epochs=10)
            acc = evaluate(model, [(load(p), y) for p, y in test_items])
            json.dump({"test_acc": acc, "n_test": len(test_items), "seed": 0}, open("results/histo.json", "w"))
        ''',
    },
))

# S3 JAX/optax: PRNGKey seeded for init, but batches shuffled with unseeded numpy
SPECS.append(dict(
    id="seed-jax-optax-numpy-shuffle",
    style="jax",
    description="JAX/optax MLP on tabular data. Parameters are initialised from jax.random.PRNGKey(cfg.seed), but the minibatch order uses np.random.permutation with the global, never-seeded numpy generator, so runs with the 'same seed' differ.",
    files={
        "train_jax.py": '''
            import json
            from dataclasses import asdict, dataclass

            import jax
            import jax.numpy as jnp
            import numpy as np
            import optax


            @dataclass
            class Config:
                seed: int = 0
                lr: float = 1e-3
                batch: int = 256
                epochs: int = 20
                hidden: int = 128


            def init_params(key, d_in, hidden):
                k1, k2 = jax.random.split(key)
                return {"w1": jax.random.normal(k1, (d_in, hidden)) * 0.05, "b1": jnp.zeros(hidden),
                        "w2": jax.random.normal(k2, (hidden, 1)) * 0.05, "b2": jnp.zeros(1)}


            def loss_fn(p, x, y):
                h = jax.nn.relu(x @ p["w1"] + p["b1"])
                return optax.sigmoid_binary_cross_entropy((h @ p["w2"] + p["b2"]).squeeze(-1), y).mean()


            def main(cfg: Config):
                data = np.load("data/adult.npz")
                X, y, Xte, yte = data["X"], data["y"], data["X_test"], data["y_test"]
                params = init_params(jax.random.PRNGKey(cfg.seed), X.shape[1], cfg.hidden)
                opt = optax.adam(cfg.lr)
                state = opt.init(params)
                step = jax.jit(lambda p, s, xb, yb: _update(p, s, xb, yb, opt))
                for epoch in range(cfg.epochs):
                    order = np.random.permutation(len(X))
                    for i in range(0, len(X), cfg.batch):
                        idx = order[i:i + cfg.batch]
                        params, state = step(params, state, X[idx], y[idx])
                h = jax.nn.relu(Xte @ params["w1"] + params["b1"])
                acc = float((((h @ params["w2"] + params["b2"]).squeeze(-1) > 0) == yte).mean())
                json.dump({**asdict(cfg), "test_acc": acc}, open("results/jax_mlp.json", "w"))


            def _update(p, s, xb, yb, opt):
                grads = jax.grad(loss_fn)(p, xb, yb)
                updates, s = opt.update(grads, s, p)
                return optax.apply_updates(p, updates), s


            if __name__ == "__main__":
                main(Config())
        ''',
    },
    labels=[dict(file="train_jax.py", find="order = np.random.permutation(len(X))", category="SEED-UNSEEDED",
                 why="batch order uses the unseeded global numpy generator; cfg.seed only reaches parameter init")],
))

# S4 random_split in a data module without generator; entry point never seeds
SPECS.append(dict(
    id="seed-datamodule-random-split-unseeded",
    style="torch",
    description="Training entry point imports a data module that splits the dataset with torch.utils.data.random_split and no generator; nothing in the program seeds torch, so the train/val membership (and the initial weights) change per run while the README compares two architectures from single runs.",
    files={
        "speech/datamodule.py": '''
            import torch
            from torch.utils.data import DataLoader, random_split
            from torchaudio.datasets import SPEECHCOMMANDS


            class SpeechData:
                def __init__(self, root="data", batch_size=64, val_frac=0.1):
                    full = SPEECHCOMMANDS(root, download=True, subset="training")
                    n_val = int(len(full) * val_frac)
                    self.train, self.val = random_split(full, [len(full) - n_val, n_val])
                    self.batch_size = batch_size

                def loaders(self):
                    return (DataLoader(self.train, batch_size=self.batch_size, shuffle=True),
                            DataLoader(self.val, batch_size=self.batch_size))
        ''',
        "speech/__init__.py": "",
        "train.py": '''
            import argparse
            import json

            import torch

            from speech.datamodule import SpeechData
            from speech.models import M5, TinyConformer

            ap = argparse.ArgumentParser()
            ap.add_argument("--arch", choices=["m5", "conformer"], default="m5")
            args = ap.parse_args()

            train_dl, val_dl = SpeechData().loaders()
            model = {"m5": M5, "conformer": TinyConformer}[args.arch](n_classes=35)
            opt = torch.optim.Adam(model.parameters(), lr=1e-3)
            for epoch in range(12):
                model.train()
                for wav, label in train_dl:
                    opt.zero_grad()
                    torch.nn.functional.cross_entropy(model(wav), label).backward()
                    opt.step()
            model.eval()
            correct = total = 0
            with torch.no_grad():
                for wav, label in val_dl:
                    correct += (model(wav).argmax(-1) == label).sum().item()
                    total += len(label)
            json.dump({"arch": args.arch, "val_acc": correct / total}, open(f"results/{args.arch}.json", "w"))
        ''',
    },
    labels=[dict(file="speech/datamodule.py", find="self.train, self.val = random_split(full, [len(full) - n_val, n_val])", category="SEED-UNSEEDED",
                 why="random_split without a generator, and the entry point never seeds torch")],
    also_ok=[dict(file="train.py", find="train_dl, val_dl = SpeechData().loaders()", category="SEED-UNSEEDED", why="the program that never seeds"),
             dict(file="train.py", find='json.dump({"arch": args.arch, "val_acc"', category="RESULT-PROVENANCE", why="added after the blind run: no seed recorded (true)")],
))

# S4 twin: generator seeded and torch seeded
SPECS.append(dict(
    id="seed-datamodule-random-split-seeded-clean",
    style="torch",
    description="Clean twin: the data module passes a seeded torch.Generator to random_split and the entry point seeds torch from --seed.",
    files={
        "speech/datamodule.py": '''
            import torch
            from torch.utils.data import DataLoader, random_split
            from torchaudio.datasets import SPEECHCOMMANDS


            class SpeechData:
                def __init__(self, root="data", batch_size=64, val_frac=0.1, seed=0):
                    full = SPEECHCOMMANDS(root, download=True, subset="training")
                    n_val = int(len(full) * val_frac)
                    gen = torch.Generator().manual_seed(seed)
                    self.train, self.val = random_split(full, [len(full) - n_val, n_val], generator=gen)
                    self.batch_size = batch_size
                    self.seed = seed

                def loaders(self):
                    g = torch.Generator().manual_seed(self.seed)
                    return (DataLoader(self.train, batch_size=self.batch_size, shuffle=True, generator=g),
                            DataLoader(self.val, batch_size=self.batch_size))
        ''',
        "speech/__init__.py": "",
        "train.py": '''
            import argparse
            import json

            import torch

            from speech.datamodule import SpeechData
            from speech.models import M5, TinyConformer

            ap = argparse.ArgumentParser()
            ap.add_argument("--arch", choices=["m5", "conformer"], default="m5")
            ap.add_argument("--seed", type=int, default=0)
            args = ap.parse_args()
            torch.manual_seed(args.seed)

            train_dl, val_dl = SpeechData(seed=args.seed).loaders()
            model = {"m5": M5, "conformer": TinyConformer}[args.arch](n_classes=35)
            opt = torch.optim.Adam(model.parameters(), lr=1e-3)
            for epoch in range(12):
                model.train()
                for wav, label in train_dl:
                    opt.zero_grad()
                    torch.nn.functional.cross_entropy(model(wav), label).backward()
                    opt.step()
            model.eval()
            correct = total = 0
            with torch.no_grad():
                for wav, label in val_dl:
                    correct += (model(wav).argmax(-1) == label).sum().item()
                    total += len(label)
            json.dump({"arch": args.arch, "seed": args.seed, "val_acc": correct / total},
                      open(f"results/{args.arch}_seed{args.seed}.json", "w"))
        ''',
    },
))

# S5 temperature from dataclass config, one sample per item, conditions compared without repeats
SPECS.append(dict(
    id="seed-config-temperature-single-sample",
    style="llm-eval",
    description="Chain-of-thought vs direct-answer comparison through LiteLLM. The dataclass config sets temperature 0.8 and one sample per item; each condition is run once and the difference of the two accuracies is reported with no repeats or interval.",
    files={
        "cot_compare.py": '''
            import json
            import re
            from dataclasses import dataclass

            import litellm


            @dataclass
            class EvalConfig:
                model: str = "anthropic/claude-3-haiku-20240307"
                temperature: float = 0.8
                max_tokens: int = 512
                data: str = "data/strategyqa_dev.jsonl"


            CONDITIONS = {
                "direct": "Answer yes or no.\\n\\nQuestion: {q}\\nAnswer:",
                "cot": "Think step by step, then give a final yes or no.\\n\\nQuestion: {q}",
            }


            def ask(cfg, prompt):
                r = litellm.completion(model=cfg.model, temperature=cfg.temperature, max_tokens=cfg.max_tokens,
                                       messages=[{"role": "user", "content": prompt}])
                return r.choices[0].message.content


            def main(cfg=EvalConfig()):
                items = [json.loads(l) for l in open(cfg.data)]
                acc = {}
                for name, tmpl in CONDITIONS.items():
                    correct = 0
                    for it in items:
                        out = ask(cfg, tmpl.format(q=it["question"])).lower()
                        final = re.findall(r"\\b(yes|no)\\b", out)
                        correct += bool(final) and (final[-1] == "yes") == it["answer"]
                    acc[name] = correct / len(items)
                print(json.dumps({"model": cfg.model, **acc, "cot_gain": acc["cot"] - acc["direct"], "n": len(items)}))


            if __name__ == "__main__":
                main()
        ''',
    },
    labels=[dict(file="cot_compare.py", find="r = litellm.completion(model=cfg.model, temperature=cfg.temperature", category="SEED-SAMPLING",
                 why="each item is sampled once at temperature 0.8 and two conditions are compared from single runs")],
    also_ok=[dict(file="cot_compare.py", find="temperature: float = 0.8", category="SEED-SAMPLING", why="the config value")],
))

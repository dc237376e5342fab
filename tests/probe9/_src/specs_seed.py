from build import case, filler

# ---------------------------------------------------------------- SEED-1 notebook draw before the seed cell
def _nb(first, later):
    return [
        ("markdown", "# Probing layer 12 for sentiment (subsample of 2,000 reviews)"),
        ("code", """
            import numpy as np
            import pandas as pd
            from sklearn.linear_model import LogisticRegression
            from sklearn.model_selection import cross_val_score
            """),
        ("code", first),
        ("code", later),
        ("code", """
            clf = LogisticRegression(max_iter=3000, random_state=0)
            scores = cross_val_score(clf, acts[sub], labels[sub], cv=5)
            print(f"probe acc {scores.mean():.3f} +/- {scores.std():.3f}")
            """),
    ]


_load = """
    acts = np.load("activations/layer12.npy")
    labels = pd.read_csv("data/imdb_labels.csv")["label"].to_numpy()
    """

case("seed-notebook-draw-before-seed-cell", "notebook",
     "A probing notebook subsamples 2,000 activations with np.random.choice in one cell; np.random.seed(0) is set "
     "in the next cell, after the draw it should control, so the subsample changes on every restart.",
     {"README.md": "# probe-sentiment\n\nSee probe.ipynb.\n",
      "probe.ipynb": _nb(_load + """
    sub = np.random.choice(len(acts), size=2000, replace=False)  #@ SEED-UNSEEDED the subsample is drawn before the seed set in the next cell
    """, """
    np.random.seed(0)
    print(acts[sub].shape, labels[sub].mean())
    """)})

case("seed-clean-notebook-seed-before-draw", "notebook",
     "Clean twin: the seed is set in the cell before the subsample is drawn.",
     {"README.md": "# probe-sentiment\n\nSee probe.ipynb.\n",
      "probe.ipynb": _nb("""
    np.random.seed(0)
    """ + _load, """
    sub = np.random.choice(len(acts), size=2000, replace=False)
    print(acts[sub].shape, labels[sub].mean())
    """)})

# ---------------------------------------------------------------- SEED-2 unsorted listdir in a helper, split by position
def _eeg_utils(line):
    return """
        import os

        import mne


        def list_subjects(root):
    """ + line + """


        def load_subject(root, sub):
            raw = mne.io.read_raw_edf(os.path.join(root, sub, "eeg.edf"), preload=True, verbose=False)
            raw.filter(1.0, 40.0, verbose=False)
            return raw
        """


_eeg_prepare = """
    import json

    import numpy as np

    from eegtools.subjects import list_subjects, load_subject

    ROOT = "data/bids"
    subjects = list_subjects(ROOT)
    n_test = len(subjects) // 5
    split = {"test": subjects[:n_test], "train": subjects[n_test:]}
    json.dump(split, open("data/split.json", "w"), indent=1)

    for name, subs in split.items():
        epochs = [load_subject(ROOT, s).get_data()[:, :30000] for s in subs]
        np.save(f"data/{name}.npy", np.stack(epochs))
    """

case("seed-listdir-helper-positional-split", "mixed",
     "A helper module lists subject folders with os.listdir (arbitrary, filesystem-dependent order) and the "
     "prepare script assigns the first fifth to test by position; the split differs between machines.",
     {**filler("eegtools", ("mne", "numpy")),
      "README.md": "# eeg-sleep\n\n    python prepare.py\n",
      "prepare.py": _eeg_prepare,
      "src/eegtools/subjects.py": _eeg_utils("""
            return [d for d in os.listdir(root) if d.startswith("sub-")]  #@ SEED-ORDER unsorted listdir order decides which subjects are test
    """)})

case("seed-clean-listdir-helper-sorted", "mixed",
     "Clean twin: the helper sorts the subject folders.",
     {**filler("eegtools", ("mne", "numpy")),
      "README.md": "# eeg-sleep\n\n    python prepare.py\n",
      "prepare.py": _eeg_prepare,
      "src/eegtools/subjects.py": _eeg_utils("""
            return sorted(d for d in os.listdir(root) if d.startswith("sub-"))
    """)})

# ---------------------------------------------------------------- SEED-3 lightning random_split, entry never seeds
case("seed-lightning-random-split-unseeded-entry", "torch",
     "A Lightning project's datamodule splits train/val with random_split and no generator, and the training "
     "entry point never seeds (no seed_everything); the split and the initial weights differ per run, and "
     "the README compares two architectures from single runs.",
     {**filler("galaxy", ("lightning", "torchvision")),
      "README.md": "# galaxy-morph\n\nTrain an architecture with `python -m galaxy.cli configs/<arch>.yaml`; val_acc is logged by Lightning.\n",
      "configs/resnet18.yaml": "arch: resnet18\nlr: 0.001\nbatch_size: 64\nmax_epochs: 30\n",
      "configs/convnext_t.yaml": "arch: convnext_tiny\nlr: 0.0005\nbatch_size: 64\nmax_epochs: 30\n",
      "src/galaxy/datamodule.py": """
        import lightning as L
        from torch.utils.data import DataLoader, random_split
        from torchvision import datasets, transforms


        class GalaxyData(L.LightningDataModule):
            def __init__(self, root="data/galaxy10", batch_size=64):
                super().__init__()
                self.root, self.batch_size = root, batch_size

            def setup(self, stage=None):
                full = datasets.ImageFolder(self.root, transform=transforms.Compose([
                    transforms.Resize(128), transforms.ToTensor()]))
                self.train_set, self.val_set = random_split(full, [0.85, 0.15])  #@ SEED-UNSEEDED the split has no generator and the entry point never seeds

            def train_dataloader(self):
                return DataLoader(self.train_set, batch_size=self.batch_size, shuffle=True, num_workers=4)

            def val_dataloader(self):
                return DataLoader(self.val_set, batch_size=256, num_workers=4)
        """,
      "src/galaxy/module.py": """
        import lightning as L
        import timm
        import torch
        import torch.nn.functional as F


        class Classifier(L.LightningModule):
            def __init__(self, arch, lr):
                super().__init__()
                self.save_hyperparameters()
                self.net = timm.create_model(arch, pretrained=False, num_classes=10)

            def training_step(self, batch, _):
                x, y = batch
                loss = F.cross_entropy(self.net(x), y)
                self.log("train_loss", loss)
                return loss

            def validation_step(self, batch, _):
                x, y = batch
                self.log("val_acc", (self.net(x).argmax(1) == y).float().mean(), prog_bar=True)

            def configure_optimizers(self):
                return torch.optim.AdamW(self.parameters(), lr=self.hparams.lr)
        """,
      "src/galaxy/cli.py": """
        import argparse

        import lightning as L
        import yaml

        from galaxy.datamodule import GalaxyData
        from galaxy.module import Classifier


        def main():
            ap = argparse.ArgumentParser()
            ap.add_argument("config")
            cfg = yaml.safe_load(open(ap.parse_args().config))
            dm = GalaxyData(batch_size=cfg["batch_size"])
            model = Classifier(cfg["arch"], cfg["lr"])
            trainer = L.Trainer(max_epochs=cfg["max_epochs"], accelerator="auto")
            trainer.fit(model, datamodule=dm)


        if __name__ == "__main__":
            main()
        """})

# ---------------------------------------------------------------- SEED-4 temperature from config, one sample per item
_hedge_cfg_bug = "model: gpt-4o-mini\ntemperature: 0.9\nsamples_per_item: 1\nconditions: [plain, hedge_instruction]\n"
_hedge_cfg_ok = "model: gpt-4o-mini\ntemperature: 0.9\nsamples_per_item: 10\nseed: 0\nconditions: [plain, hedge_instruction]\n"
_hedge_results = '{\n "plain": {"hedge_rate": 0.21, "n_items": 200, "samples_per_item": SPI, "temperature": 0.9},\n "hedge_instruction": {"hedge_rate": 0.26, "n_items": 200, "samples_per_item": SPI, "temperature": 0.9}\n}\n'
_hedge_code = """
    import json
    import statistics

    import yaml
    from openai import OpenAI

    cfg = yaml.safe_load(open("config.yaml"))
    client = OpenAI()
    SYSTEM = {"plain": "Answer the question.",
              "hedge_instruction": "Answer the question. If you are unsure, say so explicitly."}
    questions = [json.loads(l) for l in open("data/unanswerable.jsonl")]

    summary = {}
    for cond in cfg["conditions"]:
        rates = []
        for q in questions:
            replies = [client.chat.completions.create(
                model=cfg["model"], temperature=cfg["temperature"], seed=cfg.get("seed"),
                messages=[{"role": "system", "content": SYSTEM[cond]}, {"role": "user", "content": q["question"]}],
            ).choices[0].message.content for _ in range(cfg["samples_per_item"])]
            rates.append(statistics.mean("not sure" in r.lower() or "don't know" in r.lower() for r in replies))
        summary[cond] = {"hedge_rate": statistics.mean(rates), "n_items": len(questions),
                         "samples_per_item": cfg["samples_per_item"], "temperature": cfg["temperature"]}
    json.dump(summary, open("results/hedging.json", "w"), indent=1)
    """

case("seed-config-temperature-single-sample", "llm-eval",
     "A hedging study compares two system prompts at temperature 0.9 read from config.yaml with one sample per "
     "item and no repeats; the README's difference between conditions is within sampling noise.",
     {"README.md": "# hedging\n\n| condition | hedge rate |\n|---|---|\n| plain | 0.21 |\n| hedge_instruction | 0.26 |\n",
      "config.yaml": _hedge_cfg_bug.replace("temperature: 0.9", "temperature: 0.9 #@ ~SEED-SAMPLING").replace(
          "samples_per_item: 1", "samples_per_item: 1 #@ ~SEED-SAMPLING"),
      "results/hedging.json": _hedge_results.replace("SPI", "1"),
      "run.py": _hedge_code.replace("model=cfg[\"model\"], temperature=cfg[\"temperature\"], seed=cfg.get(\"seed\"),",
                                    "model=cfg[\"model\"], temperature=cfg[\"temperature\"], seed=cfg.get(\"seed\"),  #@ SEED-SAMPLING one sample per item at temperature 0.9 from config; conditions compared without repeats")})

case("seed-clean-config-temperature-ten-samples", "llm-eval",
     "Clean twin: ten samples per item with a fixed seed, and the number of samples is recorded with the result.",
     {"README.md": "# hedging\n\n| condition | hedge rate |\n|---|---|\n| plain | 0.21 |\n| hedge_instruction | 0.26 |\n",
      "config.yaml": _hedge_cfg_ok, "run.py": _hedge_code, "results/hedging.json": _hedge_results.replace("SPI", "10")})

# ---------------------------------------------------------------- SEED-5 jax training, numpy shuffle unseeded
case("seed-jax-numpy-permutation-unseeded", "mixed",
     "A JAX MLP seeds its parameters with PRNGKey(0) but shuffles minibatches with np.random.permutation without "
     "any numpy seed; the reported accuracy changes between runs.",
     {"README.md": "# jax-mlp\n\n`python train.py` prints the test accuracy.\n",
      "train.py": """
        import jax
        import jax.numpy as jnp
        import numpy as np
        import optax

        data = np.load("data/mnist.npz")
        X_train, y_train = data["x_train"].reshape(-1, 784) / 255.0, data["y_train"]
        X_test, y_test = data["x_test"].reshape(-1, 784) / 255.0, data["y_test"]


        def init(key, sizes=(784, 512, 10)):
            keys = jax.random.split(key, len(sizes) - 1)
            return [(jax.random.normal(k, (m, n)) * jnp.sqrt(2 / m), jnp.zeros(n)) for k, m, n in zip(keys, sizes[:-1], sizes[1:])]


        def forward(params, x):
            for w, b in params[:-1]:
                x = jax.nn.relu(x @ w + b)
            w, b = params[-1]
            return x @ w + b


        def loss_fn(params, x, y):
            return optax.softmax_cross_entropy_with_integer_labels(forward(params, x), y).mean()


        params = init(jax.random.PRNGKey(0))
        opt = optax.adam(1e-3)
        state = opt.init(params)


        @jax.jit
        def step(params, state, x, y):
            grads = jax.grad(loss_fn)(params, x, y)
            updates, state = opt.update(grads, state)
            return optax.apply_updates(params, updates), state


        for epoch in range(10):
            order = np.random.permutation(len(X_train))  #@ SEED-UNSEEDED minibatch order uses the unseeded global numpy generator
            for i in range(0, len(order), 128):
                idx = order[i:i + 128]
                params, state = step(params, state, X_train[idx], y_train[idx])
        acc = float((forward(params, X_test).argmax(-1) == y_test).mean())
        print("test accuracy", acc)
        """})

# ---------------------------------------------------------------- SEED-6 glob order + running counter assigns splits
case("seed-glob-counter-split", "mixed",
     "A preparation script walks glob.glob over class folders and sends every fifth image to test by a running "
     "counter; glob's order is the filesystem's, so which images are test differs between machines.",
     {"README.md": "# leaf-disease\n\n`python prepare.py && python train.py`\n",
      "prepare.py": """
        import glob
        import os
        import shutil

        counter = 0
        for path in glob.glob("raw/*/*.jpg"):  #@ SEED-ORDER unsorted glob order with a running counter decides the split
            cls = os.path.basename(os.path.dirname(path))
            split = "test" if counter % 5 == 0 else "train"
            os.makedirs(f"data/{split}/{cls}", exist_ok=True)
            shutil.copy(path, f"data/{split}/{cls}/")
            counter += 1
        """,
      "train.py": """
        import torch
        from torchvision import datasets, models, transforms

        torch.manual_seed(0)
        tf = transforms.Compose([transforms.Resize((224, 224)), transforms.ToTensor()])
        train = datasets.ImageFolder("data/train", tf)
        test = datasets.ImageFolder("data/test", tf)
        model = models.resnet18(num_classes=len(train.classes))
        opt = torch.optim.Adam(model.parameters(), 1e-3)
        loader = torch.utils.data.DataLoader(train, batch_size=32, shuffle=True)
        for epoch in range(5):
            model.train()
            for x, y in loader:
                opt.zero_grad()
                torch.nn.functional.cross_entropy(model(x), y).backward()
                opt.step()
        model.eval()
        with torch.no_grad():
            correct = sum((model(x).argmax(1) == y).sum().item() for x, y in torch.utils.data.DataLoader(test, batch_size=64))
        print("test acc", correct / len(test))
        """})

"""SEED family: seeds after the draw, filesystem order, unseeded indirect randomness, single samples."""

CASES = []

# ---------------------------------------------------------------------------------------------
CASES.append({
    "id": "seed-notebook-subsample-before-seed-cell",
    "style": "notebook",
    "description": "Notebook that subsamples 2,000 reviews with DataFrame.sample (no random_state, so numpy's "
                   "global generator) to fine-tune a small classifier; the seeding cell comes three cells "
                   "later, after the draw, so the subset (and every figure downstream) changes per run.",
    "files": {
        "finetune_reviews.ipynb": [
            ("md", "# Few-data fine-tuning on Yelp polarity"),
            ("code", '''
                import numpy as np
                import pandas as pd
                import torch
                from transformers import AutoTokenizer, AutoModelForSequenceClassification
            '''),
            ("code", '''
                full = pd.read_csv("data/yelp_polarity_train.csv", names=["label", "text"])
                subset = full.sample(n=2000)  «SEED-SAMPLING|the 2,000-review subset is drawn from numpy's global generator before the seeding cell runs (three cells later), so the training data differ every run»
                subset.label.value_counts()
            ''', [("result", "2    1012\n1     988\nName: label, dtype: int64")]),
            ("code", '''
                tok = AutoTokenizer.from_pretrained("distilbert-base-uncased")
                enc = tok(list(subset.text), truncation=True, padding=True, max_length=256, return_tensors="pt")
                labels = torch.tensor(subset.label.values - 1)
            '''),
            ("md", "Make the run reproducible:"),
            ("code", '''
                SEED = 13
                np.random.seed(SEED)
                torch.manual_seed(SEED)
            '''),
            ("code", '''
                model = AutoModelForSequenceClassification.from_pretrained("distilbert-base-uncased", num_labels=2)
                opt = torch.optim.AdamW(model.parameters(), lr=3e-5)
                model.train()
                for epoch in range(2):
                    perm = torch.randperm(len(labels))
                    for i in range(0, len(perm), 32):
                        idx = perm[i:i + 32]
                        out = model(input_ids=enc.input_ids[idx], attention_mask=enc.attention_mask[idx], labels=labels[idx])
                        out.loss.backward(); opt.step(); opt.zero_grad()
                    print(epoch, out.loss.item())
            ''', ["0 0.3121\n1 0.1407"]),
        ],
        "data/README.md": "Download yelp_review_polarity_csv and put train.csv here as yelp_polarity_train.csv.\n",
    },
})

CASES.append({
    "id": "clean-seed-notebook-seeded-before-subsample",
    "style": "notebook",
    "description": "Clean twin: the seed cell is the first code cell and the subsample passes random_state "
                   "explicitly as well.",
    "files": {
        "finetune_reviews.ipynb": [
            ("md", "# Few-data fine-tuning on Yelp polarity"),
            ("code", '''
                import numpy as np
                import pandas as pd
                import torch
                from transformers import AutoTokenizer, AutoModelForSequenceClassification

                SEED = 13
                np.random.seed(SEED)
                torch.manual_seed(SEED)
            '''),
            ("code", '''
                full = pd.read_csv("data/yelp_polarity_train.csv", names=["label", "text"])
                subset = full.sample(n=2000, random_state=SEED)
                subset.label.value_counts()
            ''', [("result", "2    1003\n1     997\nName: label, dtype: int64")]),
            ("code", '''
                tok = AutoTokenizer.from_pretrained("distilbert-base-uncased")
                enc = tok(list(subset.text), truncation=True, padding=True, max_length=256, return_tensors="pt")
                labels = torch.tensor(subset.label.values - 1)
                model = AutoModelForSequenceClassification.from_pretrained("distilbert-base-uncased", num_labels=2)
                opt = torch.optim.AdamW(model.parameters(), lr=3e-5)
                model.train()
                for epoch in range(2):
                    perm = torch.randperm(len(labels))
                    for i in range(0, len(perm), 32):
                        idx = perm[i:i + 32]
                        out = model(input_ids=enc.input_ids[idx], attention_mask=enc.attention_mask[idx], labels=labels[idx])
                        out.loss.backward(); opt.step(); opt.zero_grad()
            '''),
        ],
    },
})

# ---------------------------------------------------------------------------------------------
CASES.append({
    "id": "seed-iterdir-helper-modulo-counter-split",
    "style": "torch",
    "description": "Bird-call classifier: a helper in audio_io.py lists clips with Path.iterdir() (arbitrary "
                   "filesystem order), and the training script assigns every fifth clip to validation with "
                   "a running counter, so the validation set depends on the directory order of the machine.",
    "files": {
        "birds/audio_io.py": '''
            from pathlib import Path

            import torchaudio


            def list_clips(root: str, exts=(".wav", ".flac")) -> list[Path]:
                return [p for p in Path(root).iterdir() if p.suffix in exts]  «SEED-ORDER|Path.iterdir() order is arbitrary and not sorted here; train_birds.py assigns every fifth clip to validation by its position in this list, so the split depends on the filesystem»


            def load_clip(path: Path, sr: int = 32000):
                wav, orig = torchaudio.load(path)
                return torchaudio.functional.resample(wav.mean(0), orig, sr)
        ''',
        "birds/__init__.py": "",
        "train_birds.py": '''
            import json

            import torch
            from torch import nn

            from birds.audio_io import list_clips, load_clip

            torch.manual_seed(0)
            labels = json.load(open("data/xeno_canto_labels.json"))
            train_items, val_items = [], []
            counter = 0
            for clip in list_clips("data/xeno_canto_clips"):
                item = (clip, labels[clip.stem])
                if counter % 5 == 0:
                    val_items.append(item)
                else:
                    train_items.append(item)
                counter += 1

            mel = torch.nn.Sequential(__import__("torchaudio").transforms.MelSpectrogram(32000, n_mels=64))
            net = nn.Sequential(nn.Conv2d(1, 16, 3), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(16, 50))
            opt = torch.optim.Adam(net.parameters(), 1e-3)
            for clip, y in train_items:
                x = mel(load_clip(clip))[None, None]
                loss = nn.functional.cross_entropy(net(x), torch.tensor([y]))
                opt.zero_grad(); loss.backward(); opt.step()
            net.eval()
            with torch.no_grad():
                acc = sum(int(net(mel(load_clip(c))[None, None]).argmax() == y) for c, y in val_items) / len(val_items)
            print(f"val acc {acc:.3f} on {len(val_items)} clips")
        ''',
    },
})

CASES.append({
    "id": "clean-seed-iterdir-sorted-helper-split",
    "style": "torch",
    "description": "Clean twin: the helper returns sorted(Path.iterdir()), so the every-fifth-clip validation "
                   "split is the same on every machine.",
    "files": {
        "birds/audio_io.py": '''
            from pathlib import Path


            def list_clips(root: str, exts=(".wav", ".flac")) -> list[Path]:
                return sorted(p for p in Path(root).iterdir() if p.suffix in exts)
        ''',
        "birds/__init__.py": "",
        "split_birds.py": '''
            import json

            from birds.audio_io import list_clips

            labels = json.load(open("data/xeno_canto_labels.json"))
            split = {"train": [], "val": []}
            for i, clip in enumerate(list_clips("data/xeno_canto_clips")):
                split["val" if i % 5 == 0 else "train"].append({"path": str(clip), "label": labels[clip.stem]})
            json.dump(split, open("data/split.json", "w"), indent=1)
            print({k: len(v) for k, v in split.items()})
        ''',
    },
})

# ---------------------------------------------------------------------------------------------
CASES.append({
    "id": "seed-lightning-datamodule-random-split-unseeded",
    "style": "torch",
    "description": "Lightning project: the DataModule splits the training set with random_split and no "
                   "generator, and the entry point never calls seed_everything (nor any torch seed), so the "
                   "validation set, the weight initialisation and the selected checkpoint differ per run; "
                   "the README reports a single run.",
    "files": {
        "src/litmnist/__init__.py": "",
        "src/litmnist/data.py": '''
            import lightning as L
            from torch.utils.data import DataLoader, random_split
            from torchvision import datasets, transforms


            class FashionDataModule(L.LightningDataModule):
                def __init__(self, root: str = "data", batch_size: int = 128):
                    super().__init__()
                    self.root, self.batch_size = root, batch_size
                    self.tf = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.286,), (0.353,))])

                def setup(self, stage=None):
                    full = datasets.FashionMNIST(self.root, train=True, download=True, transform=self.tf)
                    self.train_set, self.val_set = random_split(full, [55000, 5000])  «SEED-UNSEEDED|random_split with no generator, in a project whose entry point never seeds: the validation set (and the checkpoint chosen on it) changes every run»
                    self.test_set = datasets.FashionMNIST(self.root, train=False, download=True, transform=self.tf)

                def train_dataloader(self):
                    return DataLoader(self.train_set, batch_size=self.batch_size, shuffle=True, num_workers=4)

                def val_dataloader(self):
                    return DataLoader(self.val_set, batch_size=512, num_workers=4)

                def test_dataloader(self):
                    return DataLoader(self.test_set, batch_size=512, num_workers=4)
        ''',
        "src/litmnist/model.py": '''
            import lightning as L
            import torch
            from torch import nn
            from torchmetrics.classification import MulticlassAccuracy


            class SmallCNN(L.LightningModule):
                def __init__(self, lr: float = 1e-3):
                    super().__init__()
                    self.save_hyperparameters()
                    self.net = nn.Sequential(nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(32, 64, 3),
                                             nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(64, 10))
                    self.val_acc = MulticlassAccuracy(num_classes=10)
                    self.test_acc = MulticlassAccuracy(num_classes=10)

                def training_step(self, batch, _):
                    x, y = batch
                    loss = nn.functional.cross_entropy(self.net(x), y)
                    self.log("train_loss", loss)
                    return loss

                def validation_step(self, batch, _):
                    x, y = batch
                    self.val_acc(self.net(x), y)
                    self.log("val_acc", self.val_acc, prog_bar=True)

                def test_step(self, batch, _):
                    x, y = batch
                    self.test_acc(self.net(x), y)
                    self.log("test_acc", self.test_acc)

                def configure_optimizers(self):
                    return torch.optim.Adam(self.parameters(), lr=self.hparams.lr)
        ''',
        "train.py": '''
            import lightning as L
            from lightning.pytorch.callbacks import ModelCheckpoint

            from litmnist.data import FashionDataModule
            from litmnist.model import SmallCNN

            dm = FashionDataModule()
            model = SmallCNN(lr=1e-3)
            ckpt = ModelCheckpoint(monitor="val_acc", mode="max")
            trainer = L.Trainer(max_epochs=15, callbacks=[ckpt], deterministic=True)
            trainer.fit(model, dm)
            trainer.test(model, dm, ckpt_path="best")
        ''',
        "README.md": '''
            # Small CNN on Fashion-MNIST

            `python train.py` (15 epochs, best checkpoint on validation). Test accuracy: 91.8%.
        ''',
    },
    "file_ok": [("README.md", "RESULT-CLAIM")],
})

# ---------------------------------------------------------------------------------------------
CASES.append({
    "id": "seed-typer-temperature-one-sample-prompt-comparison",
    "style": "llm-eval",
    "description": "Compares two prompting strategies (plain vs. 'think step by step') on 150 StrategyQA "
                   "questions. The typer CLI's temperature option defaults to 0.8 and each question is "
                   "sampled once per strategy; the README claims a 3.3-point gain from one draw per item "
                   "with no repeats or interval.",
    "files": {
        "compare_prompts.py": '''
            import json
            import random

            import typer
            from openai import OpenAI

            client = OpenAI()
            STRATEGIES = {
                "plain": "Answer yes or no.\\n\\nQ: {q}\\nA:",
                "cot": "Think step by step, then answer yes or no on the last line.\\n\\nQ: {q}\\nA:",
            }


            def main(model: str = "gpt-4o-mini", temperature: float = typer.Option(0.8), n_items: int = 150):  «SEED-SAMPLING+8|temperature defaults to 0.8 and each question is sampled once per strategy (no n, no repeats); the two strategies are compared on a single stochastic draw per item»
                random.seed(0)
                items = random.sample([json.loads(l) for l in open("data/strategyqa_dev.jsonl")], n_items)
                acc = {}
                for name, tmpl in STRATEGIES.items():
                    right = 0
                    for it in items:
                        out = client.chat.completions.create(
                            model=model, temperature=temperature,
                            messages=[{"role": "user", "content": tmpl.format(q=it["question"])}],
                        )
                        last = out.choices[0].message.content.strip().splitlines()[-1].lower()
                        right += ("yes" in last) == it["answer"]
                    acc[name] = right / len(items)
                json.dump({"model": model, "temperature": temperature, "n": n_items, "accuracy": acc},
                          open("results/prompt_comparison.json", "w"), indent=2)
                print(acc)


            if __name__ == "__main__":
                typer.run(main)
        ''',
        "results/prompt_comparison.json": '''
            {"model": "gpt-4o-mini", "temperature": 0.8, "n": 150, "accuracy": {"plain": 0.68, "cot": 0.713}}
        ''',
        "README.md": '''
            # Does chain-of-thought help on StrategyQA?

            Yes: CoT improves accuracy from 68.0% to 71.3% (+3.3 points) with gpt-4o-mini.
        ''',
    },
})

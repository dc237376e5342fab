from pathlib import Path

import lightning as L
import torch
import torchaudio
from torch.utils.data import DataLoader, TensorDataset

MFCC = torchaudio.transforms.MFCC(sample_rate=16000, n_mfcc=40)


def featurise(root, split_list):
    names = Path(root, split_list).read_text().split()
    feats, labels, failed, classes = [], [], [], sorted({n.split("/")[0] for n in names})
    for name in names:
        try:
            wav, sr = torchaudio.load(Path(root, name))
            feats.append(MFCC(wav[:, :16000]).squeeze(0))
            labels.append(classes.index(name.split("/")[0]))

        except RuntimeError as exc:
            failed.append((name, repr(exc)))
    print(f"{split_list}: {len(failed)} of {len(names)} clips failed to load")
    if len(failed) > 0.01 * len(names):
        raise RuntimeError(f"too many unreadable clips: {failed[:5]}")

    return TensorDataset(torch.stack(feats), torch.tensor(labels)), classes


class SpeechCommands(L.LightningDataModule):
    def __init__(self, root, batch_size=128):
        super().__init__()
        self.root, self.batch_size = root, batch_size

    def setup(self, stage=None):
        self.train_set, self.classes = featurise(self.root, "training_list.txt")
        self.val_set, _ = featurise(self.root, "validation_list.txt")
        self.test_set, _ = featurise(self.root, "testing_list.txt")

    def train_dataloader(self):
        return DataLoader(self.train_set, batch_size=self.batch_size, shuffle=True)

    def val_dataloader(self):
        return DataLoader(self.val_set, batch_size=self.batch_size)

    def test_dataloader(self):
        return DataLoader(self.test_set, batch_size=self.batch_size)

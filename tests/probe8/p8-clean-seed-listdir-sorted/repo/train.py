import numpy as np
import torch
from sklearn.metrics import cohen_kappa_score

from data.io import list_subjects, load_subject
from model import SleepNet, fit

torch.manual_seed(0)
ROOT = "/data/sleep-edf"
subjects = list_subjects(ROOT)
n_train = int(0.8 * len(subjects))
train_subj, test_subj = subjects[:n_train], subjects[n_train:]

Xtr, ytr = map(np.concatenate, zip(*(load_subject(ROOT, s) for s in train_subj)))
Xte, yte = map(np.concatenate, zip(*(load_subject(ROOT, s) for s in test_subj)))
net = fit(SleepNet(), Xtr, ytr, epochs=20)
net.eval()
with torch.no_grad():
    pred = net(torch.as_tensor(Xte, dtype=torch.float32)).argmax(1).numpy()
print(f"test kappa {cohen_kappa_score(yte, pred):.3f} on {len(test_subj)} subjects")

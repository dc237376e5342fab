import nibabel as nib
import numpy as np
import pandas as pd
from sklearn.linear_model import RidgeCV

from brainage.split import BIDS, subject_split

ages = pd.read_csv(f"{BIDS}/participants.tsv", sep="\t").set_index("participant_id")["age"]


def features(sub):
    img = nib.load(f"{BIDS}/{sub}/anat/{sub}_T1w.nii.gz").get_fdata()
    return np.histogram(img[img > 0], bins=64, density=True)[0]


train_s, test_s = subject_split()
Xtr = np.stack([features(s) for s in train_s])
Xte = np.stack([features(s) for s in test_s])
m = RidgeCV(alphas=np.logspace(-3, 3, 13)).fit(Xtr, ages[train_s])
print("test MAE (years)", np.abs(m.predict(Xte) - ages[test_s].to_numpy()).mean())

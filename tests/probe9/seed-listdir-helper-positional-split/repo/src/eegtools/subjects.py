import os

import mne


def list_subjects(root):

    return [d for d in os.listdir(root) if d.startswith("sub-")]



def load_subject(root, sub):
    raw = mne.io.read_raw_edf(os.path.join(root, sub, "eeg.edf"), preload=True, verbose=False)
    raw.filter(1.0, 40.0, verbose=False)
    return raw

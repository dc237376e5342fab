import os

BIDS = "data/bids"


def subject_split(frac=0.8):
    subjects = [d for d in os.listdir(BIDS) if d.startswith("sub-")]
    cut = int(frac * len(subjects))
    return subjects[:cut], subjects[cut:]

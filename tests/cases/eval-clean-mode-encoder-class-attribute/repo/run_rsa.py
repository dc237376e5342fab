import argparse

import numpy as np
import torch
from scipy.stats import spearmanr

from rsa.encoders import Encoder
from rsa.features import penultimate
from rsa.stimuli import stimulus_batches


def rdm(features: np.ndarray) -> np.ndarray:
    return 1.0 - np.corrcoef(features)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--arch", default="resnet50")
    parser.add_argument("--roi", default="data/it_rdm.npy")
    args = parser.parse_args()

    encoder = Encoder(args.arch)
    body = penultimate(encoder.net)
    feats = []
    for batch in stimulus_batches("data/stimuli"):
        feats.append(body(batch).detach().cpu().numpy())
    model_rdm = rdm(np.concatenate(feats))
    brain_rdm = np.load(args.roi)
    upper = np.triu_indices_from(model_rdm, k=1)
    rho = spearmanr(model_rdm[upper], brain_rdm[upper]).correlation
    print(f"{encoder.describe()}: RSA rho = {rho:.3f}")


if __name__ == "__main__":
    main()

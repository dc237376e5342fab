import csv
import os

from audio_prep.walk import speaker_dirs

ROOT = "data/raw_speakers"


def main():
    speakers = list(speaker_dirs(ROOT))
    n_train = int(0.8 * len(speakers))
    with open("data/splits.csv", "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["path", "speaker", "split"])
        for i, (spk, path) in enumerate(speakers):
            split = "train" if i < n_train else "test"
            for wav in sorted(os.listdir(path)):
                w.writerow([os.path.join(path, wav), spk, split])


if __name__ == "__main__":
    main()

import json
import sys

from audio.corpus import RecordingCorpus

corpus = RecordingCorpus(sys.argv[1])
clips = corpus.clips()
n_val = len(clips) // 10
splits = {"val": [str(p) for p in clips[:n_val]], "train": [str(p) for p in clips[n_val:]]}
with open("splits.json", "w") as fh:
    json.dump(splits, fh, indent=1)
print({k: len(v) for k, v in splits.items()})

import json
import os

entries = sorted(e.path for e in os.scandir("data/wavs") if e.name.endswith(".wav"))
cut = int(0.8 * len(entries))
split = {"train": entries[:cut], "test": entries[cut:]}
json.dump(split, open("data/split.json", "w"), indent=1)

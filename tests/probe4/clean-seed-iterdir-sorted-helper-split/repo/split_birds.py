import json

from birds.audio_io import list_clips

labels = json.load(open("data/xeno_canto_labels.json"))
split = {"train": [], "val": []}
for i, clip in enumerate(list_clips("data/xeno_canto_clips")):
    split["val" if i % 5 == 0 else "train"].append({"path": str(clip), "label": labels[clip.stem]})
json.dump(split, open("data/split.json", "w"), indent=1)
print({k: len(v) for k, v in split.items()})

import json

import pandas as pd

meta = pd.read_csv("data/utterances.csv")
speakers = list(set(meta["speaker"]))
cut = int(0.8 * len(speakers))
train_spk, test_spk = speakers[:cut], speakers[cut:]
meta[meta["speaker"].isin(train_spk)].to_csv("data/train.csv", index=False)
meta[meta["speaker"].isin(test_spk)].to_csv("data/test.csv", index=False)
json.dump({"train_speakers": len(train_spk), "test_speakers": len(test_spk)}, open("data/split_info.json", "w"))

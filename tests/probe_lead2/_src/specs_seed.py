from twin import twin

SPECS = []

S1 = dict(
    id="llm-polars-sample-unseeded-subset",
    style="llm-eval",
    description="The evaluation subset is drawn with polars' DataFrame.sample without a seed, so the reported accuracy is on an unrecorded subset.",
    files={
        "subset_eval.py": r'''
import json

import polars as pl
from openai import OpenAI

client = OpenAI()
df = pl.read_parquet("data/mmlu_test.parquet").sample(n=400)
correct = 0
for row in df.iter_rows(named=True):
    out = client.chat.completions.create(model="gpt-4o-mini", temperature=0,
                                         messages=[{"role": "user", "content": row["prompt"]}])
    correct += out.choices[0].message.content.strip()[:1] == row["answer"]
json.dump({"accuracy": correct / df.height, "n": df.height}, open("results/mmlu_subset.json", "w"))
''',
    },
    labels=[dict(file="subset_eval.py", find=".sample(n=400)", category="SEED-UNSEEDED",
                 why="the evaluation subset is drawn without a seed")],
)
SPECS.append(S1)
SPECS.append(twin(S1, "llm-polars-sample-unseeded-subset-clean", "The subset is drawn with a fixed seed.",
                  {"subset_eval.py": [(".sample(n=400)", ".sample(n=400, seed=1234)")]}))

S2 = dict(
    id="audio-scandir-positional-split",
    style="torch",
    description="Recordings are listed with os.scandir (arbitrary order) and the first 80% become training data by position.",
    files={
        "prepare.py": r'''
import json
import os

entries = [e.path for e in os.scandir("data/wavs") if e.name.endswith(".wav")]
cut = int(0.8 * len(entries))
split = {"train": entries[:cut], "test": entries[cut:]}
json.dump(split, open("data/split.json", "w"), indent=1)
''',
        "train.py": r'''
import json

import torch
import torchaudio

split = json.load(open("data/split.json"))
torch.manual_seed(0)
feats = torchaudio.transforms.MelSpectrogram(16000)
train = [feats(torchaudio.load(p)[0]).mean(-1) for p in split["train"]]
print(len(train))
''',
    },
    labels=[dict(file="prepare.py", find="os.scandir", category="SEED-ORDER",
                 why="the train/test membership depends on the directory listing order, which differs between machines")],
)
SPECS.append(S2)
SPECS.append(twin(S2, "audio-scandir-positional-split-clean", "The listing is sorted before the positional cut.",
                  {"prepare.py": [('entries = [e.path for e in os.scandir("data/wavs") if e.name.endswith(".wav")]',
                                   'entries = sorted(e.path for e in os.scandir("data/wavs") if e.name.endswith(".wav"))')]}))

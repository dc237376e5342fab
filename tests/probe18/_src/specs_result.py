from twin import twin

SPECS = []

# R1 README claims a number that the JSON summary does not contain (results in feather + json)
R1 = dict(
    id="result-readme-claim-absent-from-summary",
    style="mixed",
    description="A DeepChem scaffold-split benchmark of a graph-convolution model on BBBP. The summary JSON written by the script says test ROC-AUC 0.871 (valid 0.902), but the README claims 0.913 on the test scaffolds, a number no results file contains.",
    files={
        "README.md": r'''
# GraphConv on BBBP (scaffold split)

Training `run_bbbp.py` with the default settings reaches a **test ROC-AUC of 0.913** on the
scaffold split, beating the ECFP + random forest baseline (0.861).

Per-molecule predictions are in `results/bbbp_preds.feather`, the summary in `results/bbbp_summary.json`.
''',
        "run_bbbp.py": r'''
import json

import deepchem as dc
import numpy as np
import pandas as pd

tasks, (train, valid, test), transformers = dc.molnet.load_bbbp(featurizer="GraphConv", splitter="scaffold")
metric = dc.metrics.Metric(dc.metrics.roc_auc_score)
model = dc.models.GraphConvModel(len(tasks), mode="classification", dropout=0.2, model_dir="ckpt/gc")
model.fit(train, nb_epoch=60)

scores = {name: model.evaluate(ds, [metric], transformers)["roc_auc_score"] for name, ds in
          [("valid", valid), ("test", test)]}
probs = model.predict(test)[:, 0, 1]
pd.DataFrame({"smiles": test.ids, "y": test.y[:, 0], "p": probs}).to_feather("results/bbbp_preds.feather")
json.dump({"model": "GraphConvModel", "split": "scaffold", "epochs": 60, "n_test": len(test),
           **{k: round(float(v), 3) for k, v in scores.items()}}, open("results/bbbp_summary.json", "w"), indent=1)
''',
        "results/bbbp_summary.json": r'''
{
 "model": "GraphConvModel",
 "split": "scaffold",
 "epochs": 60,
 "n_test": 204,
 "valid": 0.902,
 "test": 0.871
}
''',
        "results/baseline.json": r'''
{"model": "ECFP4 + RandomForest", "split": "scaffold", "n_test": 204, "test": 0.861}
''',
    },
    labels=[dict(file="README.md", find="**test ROC-AUC of 0.913**",
                 category="RESULT-CLAIM", why="0.913 appears in no results file; the summary says 0.871")],
)
SPECS.append(R1)
SPECS.append(twin(R1, "result-readme-claim-matches-summary-clean",
    "Clean twin: the README quotes the summary's test figure.",
    {"README.md": [("**test ROC-AUC of 0.913**", "**test ROC-AUC of 0.871**")]}))

# R2 HDF5 results older than the code change that produces them (git history)
R2 = dict(
    id="result-hdf5-stale-after-loss-change",
    style="torch",
    description="A diffusers DDPM trained on 64x64 satellite tiles; `sample_eval.py` writes FID and sample statistics to `results/fid.h5`. The results were committed in November; in December the noise schedule in `train_ddpm.py` was changed from linear to cosine and the results were never regenerated, while the README quotes them as the cosine model's.",
    files={
        "train_ddpm.py": r'''
import torch
from diffusers import DDPMScheduler, UNet2DModel

torch.manual_seed(0)
unet = UNet2DModel(sample_size=64, in_channels=3, out_channels=3, block_out_channels=(64, 128, 256, 256))
sched = DDPMScheduler(num_train_timesteps=1000, beta_schedule="squaredcos_cap_v2")
opt = torch.optim.AdamW(unet.parameters(), lr=1e-4)
tiles = torch.load("data/tiles64.pt")
for step in range(20000):
    x0 = tiles[torch.randint(0, len(tiles), (32,))]
    t = torch.randint(0, 1000, (32,))
    noise = torch.randn_like(x0)
    loss = torch.nn.functional.mse_loss(unet(sched.add_noise(x0, noise, t), t).sample, noise)
    opt.zero_grad()
    loss.backward()
    opt.step()
unet.save_pretrained("ckpt/ddpm_tiles")
''',
        "sample_eval.py": r'''
import h5py
import torch
from diffusers import DDPMPipeline
from torchmetrics.image.fid import FrechetInceptionDistance

torch.manual_seed(1)
pipe = DDPMPipeline.from_pretrained("ckpt/ddpm_tiles")
fake = pipe(batch_size=256, num_inference_steps=1000, output_type="np").images
real = torch.load("data/tiles64_test.pt")
fid = FrechetInceptionDistance(normalize=True)
fid.update(real, real=True)
fid.update(torch.from_numpy(fake).permute(0, 3, 1, 2), real=False)
with h5py.File("results/fid.h5", "w") as f:
    f.attrs["checkpoint"] = "ckpt/ddpm_tiles"
    f.attrs["n_samples"] = 256
    f["fid"] = float(fid.compute())
    f["sample_mean"] = fake.mean(axis=(0, 1, 2))
''',
        "README.md": r'''
# DDPM on satellite tiles

Cosine noise schedule, 20k steps. FID on 256 samples: see `results/fid.h5` (31.4).
''',
        "results/fid.h5": "HDF5-PLACEHOLDER fid=31.4 n_samples=256 checkpoint=ckpt/ddpm_tiles\n",
    },
    history=[
        {"message": "DDPM training and FID evaluation", "date": "2025-11-03T10:00:00",
         "files": {"train_ddpm.py": r'''
import torch
from diffusers import DDPMScheduler, UNet2DModel

torch.manual_seed(0)
unet = UNet2DModel(sample_size=64, in_channels=3, out_channels=3, block_out_channels=(64, 128, 256, 256))
sched = DDPMScheduler(num_train_timesteps=1000, beta_schedule="linear")
opt = torch.optim.AdamW(unet.parameters(), lr=1e-4)
tiles = torch.load("data/tiles64.pt")
for step in range(20000):
    x0 = tiles[torch.randint(0, len(tiles), (32,))]
    t = torch.randint(0, 1000, (32,))
    noise = torch.randn_like(x0)
    loss = torch.nn.functional.mse_loss(unet(sched.add_noise(x0, noise, t), t).sample, noise)
    opt.zero_grad()
    loss.backward()
    opt.step()
unet.save_pretrained("ckpt/ddpm_tiles")
'''}},
        {"message": "FID results", "date": "2025-11-05T18:00:00",
         "files": {"results/fid.h5": "HDF5-PLACEHOLDER fid=31.4 n_samples=256 checkpoint=ckpt/ddpm_tiles\n"}},
        {"message": "switch to the cosine schedule", "date": "2025-12-01T09:30:00",
         "files": {"train_ddpm.py": r'''
import torch
from diffusers import DDPMScheduler, UNet2DModel

torch.manual_seed(0)
unet = UNet2DModel(sample_size=64, in_channels=3, out_channels=3, block_out_channels=(64, 128, 256, 256))
sched = DDPMScheduler(num_train_timesteps=1000, beta_schedule="squaredcos_cap_v2")
opt = torch.optim.AdamW(unet.parameters(), lr=1e-4)
tiles = torch.load("data/tiles64.pt")
for step in range(20000):
    x0 = tiles[torch.randint(0, len(tiles), (32,))]
    t = torch.randint(0, 1000, (32,))
    noise = torch.randn_like(x0)
    loss = torch.nn.functional.mse_loss(unet(sched.add_noise(x0, noise, t), t).sample, noise)
    opt.zero_grad()
    loss.backward()
    opt.step()
unet.save_pretrained("ckpt/ddpm_tiles")
'''}},
    ],
    labels=[dict(file="results/fid.h5", category="RESULT-STALE",
                 why="the FID file predates the schedule change in train_ddpm.py that produced the checkpoint it describes")],
    also_ok=[dict(file="README.md", find="FID on 256 samples", category="RESULT-STALE")],
)
SPECS.append(R2)

# R3 fire CLI with a model option writing a metrics-only JSON to a fixed path
R3 = dict(
    id="result-fire-cli-metrics-only-fixed-path",
    style="llm-eval",
    description="A fire CLI evaluates a chosen model and prompt style on a QA set through an OpenAI-compatible TGI server and writes `results/qa_metrics.json` with only exact match and F1: no model, prompt style, n or date, and every run overwrites the same file.",
    files={
        "qa_eval.py": r'''
import json
import re
import string
from collections import Counter

import fire
from openai import OpenAI


def norm(s):
    s = "".join(ch for ch in s.lower() if ch not in set(string.punctuation))
    return " ".join(w for w in s.split() if w not in ("a", "an", "the"))


def f1(pred, gold):
    p, g = norm(pred).split(), norm(gold).split()
    common = sum((Counter(p) & Counter(g)).values())
    if common == 0:
        return 0.0
    prec, rec = common / len(p), common / len(g)
    return 2 * prec * rec / (prec + rec)


def main(model="tgi", style="direct", data="data/qa_dev.jsonl", base_url="http://localhost:8080/v1"):
    client = OpenAI(base_url=base_url, api_key="-")
    prefix = "Answer in a few words." if style == "direct" else "Think briefly, then answer after 'Final:'."
    rows = [json.loads(l) for l in open(data)]
    em = f = 0.0
    for r in rows:
        out = client.chat.completions.create(model=model, temperature=0, max_tokens=200,
                                             messages=[{"role": "user", "content": f"{prefix}\n{r['question']}"}])
        pred = re.split(r"Final:", out.choices[0].message.content)[-1].strip()
        em += norm(pred) == norm(r["answer"])
        f += f1(pred, r["answer"])
    metrics = {"exact_match": em / len(rows), "f1": f / len(rows)}
    with open("results/qa_metrics.json", "w") as fh:
        json.dump(metrics, fh, indent=2)


if __name__ == "__main__":
    fire.Fire(main)
''',
    },
    labels=[dict(file="qa_eval.py", find="json.dump(metrics, fh, indent=2)",
                 category="RESULT-PROVENANCE", why="metrics saved without the model, style, data or n; every run overwrites them")],
)
SPECS.append(R3)

# R4 results CSV where every model's refusal rate is exactly 0.0
R4 = dict(
    id="result-refusal-csv-all-zero",
    style="llm-eval",
    description="A refusal-rate table for five models committed as `results/refusal_rates.csv`: every row reads 0.0 (the judge's verdict field was renamed and the script counted a key that no longer exists), yet the README says all five models 'never over-refuse'.",
    files={
        "tabulate.py": r'''
import csv
import glob
import json
import os

rows = []
for path in sorted(glob.glob("runs/*.jsonl")):
    recs = [json.loads(l) for l in open(path)]
    rate = sum(r.get("refused", False) for r in recs) / len(recs)
    rows.append({"model": os.path.basename(path)[:-6], "n": len(recs), "refusal_rate": round(rate, 3)})
with open("results/refusal_rates.csv", "w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=["model", "n", "refusal_rate"])
    w.writeheader()
    w.writerows(rows)
''',
        "results/refusal_rates.csv": r'''
model,n,refusal_rate
claude-3-5-haiku,400,0.0
gemini-1.5-flash,400,0.0
gpt-4o-mini,400,0.0
llama-3.1-8b-instruct,400,0.0
mistral-small,400,0.0
''',
        "README.md": r'''
# Over-refusal on benign look-alike prompts

400 benign prompts that look harmful (XSTest-style). Table: `results/refusal_rates.csv`.
All five models never over-refuse on this set.
''',
    },
    labels=[dict(file="results/refusal_rates.csv", find="model,n,refusal_rate",
                 category="RESULT-SUSPECT", why="every model's refusal rate is exactly 0.0")],
)
SPECS.append(R4)

# R5 Markdown report generator with a hand-written improvement figure
R5 = dict(
    id="result-markdown-report-hardcoded-gain",
    style="mixed",
    description="A BEIR retrieval comparison (BM25 vs a fine-tuned bi-encoder) whose `make_report.py` renders `REPORT.md` from the saved nDCG@10 file, but the headline sentence 'improves nDCG@10 by 14.2% on average' is a string typed into the generator; the saved numbers give a different average gain.",
    files={
        "make_report.py": r'''
import json

res = json.load(open("results/beir_ndcg10.json"))
lines = ["# BEIR nDCG@10", "", "| dataset | BM25 | ours |", "|---|---|---|"]
for ds, r in sorted(res["per_dataset"].items()):
    lines.append(f"| {ds} | {r['bm25']:.3f} | {r['ours']:.3f} |")
lines += ["", "Our fine-tuned bi-encoder improves nDCG@10 by 14.2% on average over BM25.", ""]
open("REPORT.md", "w").write("\n".join(lines))
''',
        "results/beir_ndcg10.json": r'''
{"model": "ours-e5-base-ft", "k": 10, "per_dataset": {
  "fiqa": {"bm25": 0.236, "ours": 0.297},
  "nfcorpus": {"bm25": 0.325, "ours": 0.338},
  "scifact": {"bm25": 0.665, "ours": 0.701},
  "trec-covid": {"bm25": 0.656, "ours": 0.612}}}
''',
        "REPORT.md": r'''
# BEIR nDCG@10

| dataset | BM25 | ours |
|---|---|---|
| fiqa | 0.236 | 0.297 |
| nfcorpus | 0.325 | 0.338 |
| scifact | 0.665 | 0.701 |
| trec-covid | 0.656 | 0.612 |

Our fine-tuned bi-encoder improves nDCG@10 by 14.2% on average over BM25.
''',
    },
    labels=[dict(file="make_report.py", find="improves nDCG@10 by 14.2% on average",
                 category="RESULT-CLAIM", why="the headline gain is typed into the generator; the saved scores do not give 14.2%")],
    also_ok=[dict(file="REPORT.md", find="improves nDCG@10 by 14.2%", category="RESULT-CLAIM")],
)
SPECS.append(R5)

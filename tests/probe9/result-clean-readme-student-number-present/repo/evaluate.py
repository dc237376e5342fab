import json

import numpy as np
from datasets import load_dataset
from transformers import AutoModelForSequenceClassification, AutoTokenizer, pipeline

dev = load_dataset("glue", "sst2", split="validation")
out = {}
for key, path in [("teacher_acc", "ckpt/teacher"), ("student_acc", "ckpt/student"),
                  ("student_nodistill_acc", "ckpt/student_nodistill")]:
    clf = pipeline("text-classification", model=path, device=0)
    preds = [int(p["label"].split("_")[-1]) for p in clf(dev["sentence"], batch_size=64)]
    out[key] = float(np.mean(np.array(preds) == np.array(dev["label"])))
out.update(seed=0, n_dev=len(dev))
json.dump(out, open("results/metrics.json", "w"), indent=2)

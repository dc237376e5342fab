import json

import numpy as np
import onnxruntime as ort
import pandas as pd

test = pd.read_csv("data/test.csv")
classes = sorted(set(test["label"]))
session = ort.InferenceSession("models/clf.onnx", providers=["CPUExecutionProvider"])
feats = test.drop(columns=["label"]).to_numpy().astype(np.float32)
logits = session.run(["logits"], {"features": feats})[0]
pred = [classes[i] for i in logits.argmax(axis=1)]
acc = float(np.mean([p == t for p, t in zip(pred, test["label"])]))
json.dump({"n": len(test), "accuracy": acc}, open("results/onnx_eval.json", "w"), indent=2)

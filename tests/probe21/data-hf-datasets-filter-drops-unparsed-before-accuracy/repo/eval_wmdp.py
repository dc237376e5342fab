import json
import re
import sys

import evaluate
from datasets import load_dataset
from transformers import AutoModelForCausalLM, AutoTokenizer

LETTERS = "ABCD"
model_dir = sys.argv[1]
tok = AutoTokenizer.from_pretrained(model_dir)
model = AutoModelForCausalLM.from_pretrained(model_dir, device_map="auto")
model.eval()


def ask(ex):
    choices = "\n".join(f"{l}. {c}" for l, c in zip(LETTERS, ex["choices"]))
    prompt = f"{ex['question']}\n{choices}\nAnswer with a single letter.\nAnswer:"
    ids = tok(prompt, return_tensors="pt").to(model.device)
    out = model.generate(**ids, max_new_tokens=5, do_sample=False)
    text = tok.decode(out[0, ids["input_ids"].shape[1]:], skip_special_tokens=True)
    m = re.search(r"[ABCD]", text)
    return {"pred": LETTERS.index(m.group(0)) if m else None}


ds = load_dataset("cais/wmdp", "wmdp-bio", split="test")
ds = ds.map(ask)
answered = ds.filter(lambda ex: ex["pred"] is not None)
accuracy = evaluate.load("accuracy")
score = accuracy.compute(predictions=answered["pred"], references=answered["answer"])
with open("results/wmdp_bio.json", "w") as fh:
    json.dump({"model": model_dir, "accuracy": score["accuracy"]}, fh, indent=2)

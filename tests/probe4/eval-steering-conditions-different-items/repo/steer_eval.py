import json

import torch
from datasets import load_dataset
from transformers import AutoModelForCausalLM, AutoTokenizer

MODEL = "meta-llama/Llama-3.2-1B-Instruct"
tok = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForCausalLM.from_pretrained(MODEL, torch_dtype=torch.bfloat16).eval()
ds = load_dataset("truthfulqa/truthful_qa", "multiple_choice", split="validation")
steer = torch.load("vectors/honesty_layer12.pt")


def add_vector(module, inputs, output, alpha=4.0):
    return (output[0] + alpha * steer.to(output[0].dtype),) + output[1:]


@torch.no_grad()
def mc1_accuracy(rows) -> float:
    right = 0
    for row in rows:
        choices = row["mc1_targets"]["choices"]
        lls = []
        for c in choices:
            ids = tok(row["question"] + " " + c, return_tensors="pt").input_ids
            lls.append(-model(ids, labels=ids).loss.item())
        right += int(max(range(len(choices)), key=lls.__getitem__) == 0)
    return right / len(rows)


base_rows = ds.select(range(300))
base = mc1_accuracy(base_rows)

steer_rows = ds.shuffle(seed=1).select(range(300))
hook = model.model.layers[12].register_forward_hook(add_vector)
steered = mc1_accuracy(steer_rows)
hook.remove()

json.dump({"model": MODEL, "baseline": base, "steered": steered, "n": 300},
          open("results/steering_mc1.json", "w"), indent=2)
print(f"MC1 baseline {base:.3f} -> steered {steered:.3f}")

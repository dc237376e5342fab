import json

import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

MODEL = "meta-llama/Llama-2-7b-chat-hf"
tok = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForCausalLM.from_pretrained(MODEL, torch_dtype=torch.float16, device_map="auto").eval()
vector = torch.load("vectors/sycophancy_layer13.pt").to(model.device, torch.float16)
A_ID, B_ID = tok.convert_tokens_to_ids("A"), tok.convert_tokens_to_ids("B")


def add_vector(scale):
    def hook(module, inputs, output):
        return (output[0] + scale * vector,) + output[1:]
    return hook


@torch.no_grad()
def p_sycophantic(item, scale=0.0):
    handle = model.model.layers[13].register_forward_hook(add_vector(scale)) if scale else None
    ids = tok(item["prompt"] + " (", return_tensors="pt").to(model.device)
    logits = model(**ids).logits[0, -1]
    if handle is not None:
        handle.remove()
    probs = torch.softmax(logits[[A_ID, B_ID]].float(), dim=-1)
    return probs[0 if item["sycophantic"] == "A" else 1].item()


items = [json.loads(l) for l in open("data/sycophancy_ab.jsonl")]
baseline = [p_sycophantic(it) for it in items[:150]]
steered = [p_sycophantic(it, scale=-4.0) for it in items[:150]]
with open("results/steering_effect.json", "w") as fh:
    json.dump({"model": MODEL, "layer": 13, "scale": -4.0,
               "baseline": sum(baseline) / len(baseline), "steered": sum(steered) / len(steered)}, fh, indent=2)

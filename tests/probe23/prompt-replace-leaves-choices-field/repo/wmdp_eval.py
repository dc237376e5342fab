import json

import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

MODEL = "checkpoints/zephyr-rmu"
TEMPLATE = (
    "The following is a multiple choice question.\n\n"
    "{question}\n{choices}\n"
    "Answer with the letter of the correct option.\nAnswer:"
)
tok = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForCausalLM.from_pretrained(MODEL, torch_dtype=torch.bfloat16).eval()
LETTER_IDS = [tok.encode(" " + c, add_special_tokens=False)[0] for c in "ABCD"]


def predict(item):
    prompt = TEMPLATE.replace("{question}", item["question"])
    ids = tok(prompt, return_tensors="pt").input_ids
    with torch.no_grad():
        logits = model(ids).logits[0, -1, LETTER_IDS]
    return int(logits.argmax())


items = [json.loads(l) for l in open("data/wmdp_bio.jsonl")]
acc = sum(predict(it) == it["answer"] for it in items) / len(items)
json.dump({"model": MODEL, "n": len(items), "wmdp_bio_acc": acc}, open("results/wmdp.json", "w"))

import torch
from datasets import load_dataset
from transformers import AutoModelForCausalLM, AutoTokenizer

from .prompting import LETTERS, build_prompt


@torch.inference_mode()
def evaluate(model_name: str, subject: str = "college_biology") -> float:
    tok = AutoTokenizer.from_pretrained(model_name)
    model = AutoModelForCausalLM.from_pretrained(model_name, torch_dtype=torch.bfloat16).eval()
    letter_ids = [tok.encode(" " + l, add_special_tokens=False)[-1] for l in LETTERS]
    ds = load_dataset("cais/mmlu", subject, split="test")
    hits = 0
    for item in ds:
        enc = tok(build_prompt(item), return_tensors="pt")
        logits = model(**enc).logits[0, -1, letter_ids]
        hits += int(logits.argmax()) == item["answer"]
    return hits / len(ds)

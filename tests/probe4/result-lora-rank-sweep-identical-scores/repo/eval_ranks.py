import json

from peft import PeftModel
from transformers import AutoModelForCausalLM, AutoTokenizer

from gsm8k_utils import exact_match_on_gsm8k

BASE = "Qwen/Qwen2.5-0.5B"
tok = AutoTokenizer.from_pretrained(BASE)
out = {}
for rank in (4, 8, 16, 64):
    base = AutoModelForCausalLM.from_pretrained(BASE)
    model = PeftModel.from_pretrained(base, "adapters/qwen-gsm8k-lora").eval()
    correct, n = exact_match_on_gsm8k(model, tok)
    out[f"r{rank}"] = {"accuracy": correct / n, "correct": correct, "n": n}
json.dump(out, open("results/rank_sweep.json", "w"), indent=2)

import torch
from transformer_lens import HookedTransformer
from datasets import load_dataset

LAYER = 12
HOOK = f"blocks.{LAYER}.hook_resid_post"


@torch.no_grad()
def collect(model_name: str = "gpt2-medium"):
    model = HookedTransformer.from_pretrained(model_name, device="cuda")
    ds = load_dataset("csv", data_files="data/cities.csv")["train"]
    feats, labels = [], []
    for row in ds:
        try:
            toks = model.to_tokens(row["statement"])
            _, cache = model.run_with_cache(toks, names_filter=HOOK)
            feats.append(cache[HOOK][0, -1].float().cpu())
            labels.append(row["label"])
        except Exception:
            continue
    return torch.stack(feats), torch.tensor(labels)

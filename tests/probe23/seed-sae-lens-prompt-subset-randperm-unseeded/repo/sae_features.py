import json

import torch
from sae_lens import SAE, HookedSAETransformer

model = HookedSAETransformer.from_pretrained("gemma-2-2b")
sae, cfg, _ = SAE.from_pretrained(release="gemma-scope-2b-pt-res-canonical", sae_id="layer_12/width_16k/canonical")
prompts = [l.strip() for l in open("data/refusal_prompts.txt")]

idx = torch.randperm(len(prompts))[:256]
acts = []
for i in idx.tolist():
    _, cache = model.run_with_cache_with_saes(prompts[i], saes=[sae])
    acts.append(cache[f"{sae.cfg.hook_name}.hook_sae_acts_post"][0, -1])
mean_act = torch.stack(acts).mean(0)
top = torch.topk(mean_act, 20).indices.tolist()
json.dump({"sae": "layer_12/width_16k", "n_prompts": len(idx), "top_features": top}, open("results/top_features.json", "w"))

import json

import modal

app = modal.App("patch-review-eval")
image = modal.Image.debian_slim().pip_install("vllm==0.6.3")
MODEL = "Qwen/Qwen2.5-Coder-7B-Instruct"


@app.function(gpu="A100", image=image, timeout=3600)
def review(items):
    from vllm import LLM, SamplingParams

    llm = LLM(model=MODEL)
    params = SamplingParams(temperature=0.0, max_tokens=8)
    prompts = []
    for it in items:
        issue, patch = it["issue"], it["patch"]
        prompt = "Issue:\n{issue}\n\nPatch:\n{patch}\n\nDoes this patch introduce a bug? Answer YES or NO."
        prompts.append(prompt)
    outs = llm.generate(prompts, params)
    return [o.outputs[0].text.strip().upper().startswith("YES") for o in outs]


@app.local_entrypoint()
def main():
    items = [json.loads(l) for l in open("data/patches.jsonl")]
    flags = review.remote(items)
    acc = sum(f == it["buggy"] for f, it in zip(flags, items)) / len(items)
    json.dump({"model": MODEL, "n": len(items), "accuracy": acc}, open("results/review.json", "w"))

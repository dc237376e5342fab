import json
import re
import sys

import anthropic
from datasets import load_dataset

client = anthropic.Anthropic()
model = sys.argv[1]
ds = load_dataset("TIGER-Lab/MMLU-Pro", split="test")
subset = ds.shuffle(seed=1234).select(range(600))

correct = 0
for ex in subset:
    opts = "\n".join(f"({chr(65 + i)}) {o}" for i, o in enumerate(ex["options"]))
    msg = client.messages.create(model=model, max_tokens=1024, temperature=0,
                                 messages=[{"role": "user", "content": f"{ex['question']}\n{opts}\nEnd with 'The answer is (X)'."}])
    m = re.search(r"answer is \(?([A-J])\)?", msg.content[0].text)
    correct += bool(m) and m.group(1) == ex["answer"]
json.dump({"model": model, "n": len(subset), "accuracy": correct / len(subset)}, open(f"results/mmlu_pro_{model}.json", "w"), indent=2)

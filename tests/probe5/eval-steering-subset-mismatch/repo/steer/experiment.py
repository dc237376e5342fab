import json

import torch
from datasets import load_dataset
from nnsight import LanguageModel

LAYER = 14


def mc_accuracy(model, items, vector=None, alpha=0.0) -> float:
    hits = 0
    for it in items:
        scores = []
        for choice in it["mc1_targets"]["choices"]:
            with model.trace(it["question"] + " " + choice):
                if vector is not None:
                    model.model.layers[LAYER].output[0][:] += alpha * vector
                logits = model.lm_head.output.save()
            scores.append(logits.value[0, -1].log_softmax(-1).max().item())
        hits += int(torch.tensor(scores).argmax()) == it["mc1_targets"]["labels"].index(1)
    return hits / len(items)


def main():
    model = LanguageModel("meta-llama/Llama-2-7b-chat-hf", device_map="auto")
    items = list(load_dataset("truthful_qa", "multiple_choice", split="validation"))[:500]
    vector = torch.load("vectors/honesty_l14.pt")
    table = {"baseline": mc_accuracy(model, items)}
    for alpha in (2.0, 4.0, 8.0):
        table[f"alpha={alpha}"] = mc_accuracy(model, items[:200], vector, alpha)
    json.dump(table, open("results/steering_truthfulqa.json", "w"), indent=2)
    print(table)


if __name__ == "__main__":
    main()

import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

LETTERS = ["A", "B", "C", "D"]


def load_model(name):
    tok = AutoTokenizer.from_pretrained(name)
    model = AutoModelForCausalLM.from_pretrained(name, torch_dtype=torch.bfloat16, device_map="auto")
    model.eval()
    return model, tok


def add_steering_hook(model, layer, vector_path, alpha):
    vec = torch.load(vector_path).to(model.device, dtype=model.dtype)

    def hook(module, inputs, output):
        return (output[0] + alpha * vec,) + tuple(output[1:])

    return model.model.layers[layer].register_forward_hook(hook)


@torch.no_grad()
def mcq_accuracy(model, tok, items):
    letter_ids = [tok.encode(l, add_special_tokens=False)[0] for l in LETTERS]
    correct = 0
    for it in items:
        opts = "\n".join(f"{l}. {c}" for l, c in zip(LETTERS, it["choices"]))
        prompt = f"{it['question']}\n{opts}\nAnswer:"
        ids = tok(prompt, return_tensors="pt").to(model.device)
        logits = model(**ids).logits[0, -1, letter_ids]
        correct += int(logits.argmax().item() == it["answer"])
    return correct / len(items)

import torch
from datasets import load_dataset
from transformers import AutoModelForCausalLM, AutoTokenizer

TEMPLATE = "Question: {question}\nChoices: {choices}\nAnswer: {answerKey}\n\n"


def fmt(item: dict) -> dict:
    labels, texts = item["choices"]["label"], item["choices"]["text"]
    return {**item, "choices": " ".join(f"({l}) {t}" for l, t in zip(labels, texts))}


def main(model_name: str = "allenai/OLMo-2-1124-7B") -> None:
    tok = AutoTokenizer.from_pretrained(model_name)
    model = AutoModelForCausalLM.from_pretrained(model_name, torch_dtype=torch.bfloat16, device_map="auto").eval()
    shots = load_dataset("allenai/ai2_arc", "ARC-Challenge", split="train").select(range(5))
    test = load_dataset("allenai/ai2_arc", "ARC-Challenge", split="test")
    prefix = "".join(TEMPLATE.format(**fmt(s)) for s in shots)
    correct = 0
    for item in test:
        prompt = prefix + TEMPLATE.format(**fmt(item))
        ids = tok(prompt, return_tensors="pt").to(model.device)
        with torch.no_grad():
            out = model.generate(**ids, max_new_tokens=2, do_sample=False)
        pred = tok.decode(out[0, ids["input_ids"].shape[1]:]).strip()[:1]
        correct += pred == item["answerKey"]
    print(f"ARC-C 5-shot acc: {correct / len(test):.4f}")


if __name__ == "__main__":
    main()

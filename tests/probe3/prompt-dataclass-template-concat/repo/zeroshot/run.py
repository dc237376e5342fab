from datasets import load_dataset
from transformers import pipeline

from zeroshot.config import EvalConfig


def main(cfg: EvalConfig = EvalConfig()) -> None:
    ds = load_dataset("cardiffnlp/tweet_eval", "sentiment", split="test").select(range(cfg.n_examples))
    gen = pipeline("text-generation", model=cfg.model, device_map="auto")
    correct = 0
    for ex in ds:
        prompt = cfg.instruction + ex["text"] + "\nSentiment:"
        out = gen(prompt, max_new_tokens=cfg.max_new_tokens, do_sample=False, return_full_text=False)
        word = out[0]["generated_text"].strip().split()[0].lower() if out[0]["generated_text"].strip() else ""
        correct += int(word == cfg.label_words[ex["label"]])
    print(f"{cfg.model}: accuracy {correct / len(ds):.3f} (n={len(ds)})")


if __name__ == "__main__":
    main()

import json

from openai import OpenAI

from config import ExpConfig

STYLES = {
    "plain": "{q}",
    "polite": "Could you please help me with this? {q} Thank you so much!",
}


def run(cfg: ExpConfig):
    client = OpenAI()
    items = [json.loads(l) for l in open(cfg.data_path)]
    acc = {}
    for style, tmpl in STYLES.items():
        hits = 0
        for it in items:
            resp = client.chat.completions.create(
                model=cfg.model, temperature=cfg.temperature, max_tokens=cfg.max_tokens,
                messages=[{"role": "user", "content": tmpl.format(q=it["question"])}])
            hits += str(it["answer"]) in resp.choices[0].message.content
        acc[style] = hits / len(items)
    print(acc, f"polite - plain = {acc['polite'] - acc['plain']:+.3f}")


if __name__ == "__main__":
    run(ExpConfig())

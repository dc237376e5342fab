import json

import anthropic

client = anthropic.Anthropic()
MODEL = "claude-3-5-haiku-20241022"

SYSTEM_TMPL = ("You are a careful assistant for {domain} questions. Refuse unsafe requests, cite uncertainty, "
               "and keep answers under 200 words.")


def generate(prompt, system=None):
    kwargs = dict(model=MODEL, max_tokens=400, temperature=0.7,
                  messages=[{"role": "user", "content": prompt}])
    if system is not None:
        kwargs["system"] = system
    return client.messages.create(**kwargs).content[0].text


pairs = []
for row in map(json.loads, open("data/prompts.jsonl")):
    system = SYSTEM_TMPL.format(domain=row["domain"])
    chosen = generate(row["prompt"])
    rejected = generate(row["prompt"])
    pairs.append({"prompt": row["prompt"], "chosen": chosen, "rejected": rejected})

with open("data/dpo_pairs.jsonl", "w") as fh:
    for p in pairs:
        fh.write(json.dumps(p) + "\n")

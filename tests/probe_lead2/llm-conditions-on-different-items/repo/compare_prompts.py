import json

from openai import OpenAI

client = OpenAI()
items = [json.loads(l) for l in open("data/arc_easy_test.jsonl")]
PROMPTS = {"baseline": "Answer with the letter only.\n\n{q}", "cot": "Think step by step, then give the letter.\n\n{q}"}


def accuracy(template, rows):
    hits = 0
    for r in rows:
        out = client.chat.completions.create(model="gpt-4o-mini", temperature=0,
                                             messages=[{"role": "user", "content": template.format(q=r["question"])}])
        hits += out.choices[0].message.content.strip()[-1:] == r["answer"]
    return hits / len(rows)


table = {"baseline": accuracy(PROMPTS["baseline"], items[:200]), "cot": accuracy(PROMPTS["cot"], items)}
json.dump({"model": "gpt-4o-mini", "accuracy": table}, open("results/prompt_comparison.json", "w"), indent=1)

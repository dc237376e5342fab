import json

from anthropic import Anthropic

client = Anthropic()
MODEL = "claude-3-5-haiku-20241022"

items = [json.loads(l) for l in open("data/qa_sorted_by_difficulty.jsonl")]

BASE = "Answer the question with a short phrase.\n\nQ: {q}\nA:"
COT = "Think step by step, then give the final short answer after 'Final:'.\n\nQ: {q}"


def ask(prompt):
    r = client.messages.create(model=MODEL, max_tokens=512, temperature=0,
                               messages=[{"role": "user", "content": prompt}])
    return r.content[0].text


def score(answers, subset):
    return sum(it["answer"].lower() in a.lower() for a, it in zip(answers, subset)) / len(subset)


base_answers = [ask(BASE.format(q=it["question"])) for it in items]
cot_items = items[:150]
cot_answers = [ask(COT.format(q=it["question"])).split("Final:")[-1] for it in cot_items]

results = {"model": MODEL,
           "baseline_acc": score(base_answers, items),
           "cot_acc": score(cot_answers, cot_items)}
results["cot_gain"] = results["cot_acc"] - results["baseline_acc"]
print(results)
json.dump(results, open("results/cot_vs_base.json", "w"), indent=2)

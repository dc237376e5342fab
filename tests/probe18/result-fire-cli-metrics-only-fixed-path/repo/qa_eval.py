import json
import re
import string
from collections import Counter

import fire
from openai import OpenAI


def norm(s):
    s = "".join(ch for ch in s.lower() if ch not in set(string.punctuation))
    return " ".join(w for w in s.split() if w not in ("a", "an", "the"))


def f1(pred, gold):
    p, g = norm(pred).split(), norm(gold).split()
    common = sum((Counter(p) & Counter(g)).values())
    if common == 0:
        return 0.0
    prec, rec = common / len(p), common / len(g)
    return 2 * prec * rec / (prec + rec)


def main(model="tgi", style="direct", data="data/qa_dev.jsonl", base_url="http://localhost:8080/v1"):
    client = OpenAI(base_url=base_url, api_key="-")
    prefix = "Answer in a few words." if style == "direct" else "Think briefly, then answer after 'Final:'."
    rows = [json.loads(l) for l in open(data)]
    em = f = 0.0
    for r in rows:
        out = client.chat.completions.create(model=model, temperature=0, max_tokens=200,
                                             messages=[{"role": "user", "content": f"{prefix}\n{r['question']}"}])
        pred = re.split(r"Final:", out.choices[0].message.content)[-1].strip()
        em += norm(pred) == norm(r["answer"])
        f += f1(pred, r["answer"])
    metrics = {"exact_match": em / len(rows), "f1": f / len(rows)}
    with open("results/qa_metrics.json", "w") as fh:
        json.dump(metrics, fh, indent=2)


if __name__ == "__main__":
    fire.Fire(main)

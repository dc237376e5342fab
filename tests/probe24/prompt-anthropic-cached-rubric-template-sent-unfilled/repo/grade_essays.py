import json
import re

import anthropic

client = anthropic.Anthropic()
JUDGE = "claude-3-5-haiku-20241022"
RUBRIC_TEMPLATE = open("prompts/rubric.txt").read()


def grade(essay, criteria):
    rubric = RUBRIC_TEMPLATE.format(criteria=criteria)
    msg = client.messages.create(
        model=JUDGE,
        max_tokens=300,
        temperature=0,
        system=[{"type": "text", "text": RUBRIC_TEMPLATE, "cache_control": {"type": "ephemeral"}}],
        messages=[{"role": "user", "content": essay}],
    )
    m = re.search(r"GRADE:\s*(\d)", msg.content[0].text)
    return int(m.group(1)) if m else None


rows = [json.loads(l) for l in open("data/essays.jsonl")]
grades = [grade(r["essay"], r["criteria"]) for r in rows]
ok = [g for g in grades if g is not None]
json.dump({"judge": JUDGE, "n": len(rows), "n_ungraded": len(rows) - len(ok), "mean_grade": sum(ok) / len(ok)},
          open("results/grades.json", "w"))

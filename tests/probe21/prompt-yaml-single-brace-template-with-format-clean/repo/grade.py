import json
import sys

import yaml
from openai import OpenAI

client = OpenAI()
PROMPTS = yaml.safe_load(open("prompts.yaml"))


def grade(question, reference, answer):
    content = PROMPTS["grader"].format(question=question, reference=reference, answer=answer)
    reply = client.chat.completions.create(model="gpt-4o-mini", temperature=0, max_tokens=4,
                                           messages=[{"role": "user", "content": content}])
    return reply.choices[0].message.content.strip().upper().startswith("CORRECT")


rows = [json.loads(l) for l in open(sys.argv[1])]
verdicts = [grade(r["question"], r["reference"], r["answer"]) for r in rows]
json.dump({"grader": "gpt-4o-mini", "answers": sys.argv[1], "n": len(rows), "accuracy": sum(verdicts) / len(rows)},
          open("results/graded.json", "w"), indent=2)

import contextlib
import json
import re

import litellm

items = [json.loads(l) for l in open("data/gsm_test.jsonl")]
scores = []
for it in items:
    with contextlib.suppress(Exception):
        out = litellm.completion(model="gpt-4o-mini", messages=[{"role": "user", "content": it["question"]}])
        answer = re.findall(r"-?\d+", out.choices[0].message.content)[-1]
        scores.append(float(answer) == float(it["answer"]))
print(json.dumps({"accuracy": sum(scores) / len(scores)}))
json.dump({"accuracy": sum(scores) / len(scores)}, open("results/gsm.json", "w"))

import json
import sys

from judgebench.judge import judge

answers = [json.loads(l) for l in open(sys.argv[1])]
for criterion in ("helpfulness", "harmlessness"):
    scores = [judge(a["question"], a["answer"], criterion) for a in answers]
    ok = [s for s in scores if s is not None]
    print(criterion, sum(ok) / len(ok), f"({len(scores) - len(ok)} unparsed)")

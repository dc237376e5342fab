import json
import sys

from harmeval.aggregate import harm_rate

rows = [json.loads(l) for l in open(sys.argv[1])]
print(json.dumps(harm_rate(rows), indent=2))

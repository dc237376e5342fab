import json
import sys

from deceval.grader import DeceptionGrader

grader = DeceptionGrader()
runs = [json.loads(l) for l in open(sys.argv[1])]
results = [grader.grade(r["scenario"], r["transcript"]) for r in runs]
print("deception rate", sum(g.deceptive for g in results) / len(results), "n", len(results))

import json

from evals.proofs import LongFormProofEvaluator

items = json.load(open("data/proof_items.json"))
print("proof success:", LongFormProofEvaluator(items).run())

from .base import Evaluator


class LongFormProofEvaluator(Evaluator):
    max_tokens = 300

    def score(self, item, reply):
        last = reply.strip().splitlines()[-1] if reply.strip() else ""
        return float("QED" in last and item["claim_holds"])

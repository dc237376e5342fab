import json
import sys

from judge import PairwiseJudge

judge = PairwiseJudge()
pairs = [json.loads(l) for l in open(sys.argv[1])]
wins = [judge(p["question"], p["ours"], p["baseline"]) for p in pairs]
print("win rate vs baseline:", sum(w == "A" for w in wins) / len(wins),
      "unparsed:", sum(w is None for w in wins))

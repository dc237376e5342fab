import json
import sys

import sacrebleu

system = sys.argv[1]
with open(f"outputs/{system}.de") as fh:
    hyps = [line.rstrip("\n") for line in fh]
with open("data/wmt23.en-de.ref.de") as fh:
    refs = [line.rstrip("\n") for line in fh]
assert len(hyps) == len(refs)

bleu = sacrebleu.corpus_bleu(refs, [hyps])
chrf = sacrebleu.corpus_chrf(hyps, [refs])
with open(f"results/{system}.json", "w") as fh:
    json.dump({"system": system, "n": len(hyps), "bleu": round(bleu.score, 2), "chrf": round(chrf.score, 2),
               "signature": str(bleu)}, fh, indent=2)

import json
import sys

import sacrebleu


def load_lines(path):
    with open(path, encoding="utf-8") as fh:
        return [l.rstrip("\n") for l in fh]


def score_system(hyp_path, ref_path):
    hyps = load_lines(hyp_path)
    refs = load_lines(ref_path)
    assert len(hyps) == len(refs), (len(hyps), len(refs))
    bleu = sacrebleu.corpus_bleu(refs, [hyps])
    chrf = sacrebleu.corpus_chrf(hyps, [refs])
    return {"bleu": bleu.score, "chrf": chrf.score, "n": len(hyps), "signature": str(bleu)}


if __name__ == "__main__":
    ref = sys.argv[1]
    table = {h: score_system(h, ref) for h in sys.argv[2:]}
    print(json.dumps(table, indent=2))

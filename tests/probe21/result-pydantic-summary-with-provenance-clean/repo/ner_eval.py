import sys

from pydantic import BaseModel
from seqeval.metrics import f1_score, precision_score, recall_score

from ner_model import load_tagger, read_conll


class Summary(BaseModel):
    checkpoint: str
    seed: int
    n_sentences: int
    precision: float
    recall: float
    f1: float


def main(checkpoint: str, seed: int) -> None:
    tagger = load_tagger(checkpoint, seed=seed)
    sentences, gold = read_conll("data/conll2003/test.txt")
    pred = [tagger.tag(s) for s in sentences]
    summary = Summary(checkpoint=checkpoint, seed=seed, n_sentences=len(sentences), precision=precision_score(gold, pred), recall=recall_score(gold, pred), f1=f1_score(gold, pred))
    with open(f"results/ner_{checkpoint.replace('/', '_')}_seed{seed}.json", "w") as fh:
        fh.write(summary.model_dump_json(indent=2))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))

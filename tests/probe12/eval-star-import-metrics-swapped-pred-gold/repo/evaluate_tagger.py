import json

from metrics_report import report
from tagger import load_tagger

LABELS = ["PER", "ORG", "LOC", "MISC"]

tagger = load_tagger("checkpoints/crf.pkl")
sents = [json.loads(l) for l in open("data/conll_test.jsonl")]
pred = [t for s in sents for t in tagger.predict(s["tokens"])]
gold = [t for s in sents for t in s["tags"]]
print(json.dumps(report(pred, gold, LABELS), indent=2))

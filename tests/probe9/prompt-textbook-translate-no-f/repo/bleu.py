import json

import sacrebleu

out = json.load(open("outputs/translations.json"))
for lang in sorted({o["language"] for o in out}):
    hyps = [o["hyp"] for o in out if o["language"] == lang]
    refs = [l.strip() for l in open(f"data/flores_dev.{lang[:2].lower()}") if l.strip()]
    print(lang, sacrebleu.corpus_bleu(hyps, [refs]).score)

import json

import jiwer
import yaml

from asr_eval.backends import load_recogniser
from asr_eval.caching import TranscriptCache

config = yaml.safe_load(open("configs/wer.yaml"))
references = json.load(open(config["references"]))
clips = sorted(references)
scores = {}
for model_id in config["models"]:
    cache = TranscriptCache(load_recogniser(model_id))
    hypotheses = cache.transcribe("librispeech-test-clean", clips)
    scores[model_id] = jiwer.wer([references[c] for c in clips], hypotheses)
json.dump(scores, open("results/wer.json", "w"), indent=2)

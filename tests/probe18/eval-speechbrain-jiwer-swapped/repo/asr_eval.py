import csv

import jiwer
from speechbrain.inference.ASR import EncoderDecoderASR

asr = EncoderDecoderASR.from_hparams(source="speechbrain/asr-crdnn-rnnlm-librispeech", savedir="pretrained/crdnn")

refs, hyps = [], []
for row in csv.DictReader(open("data/test_manifest.csv")):
    hyps.append(asr.transcribe_file(row["wav"]).lower())
    refs.append(row["text"].lower())

print(f"WER {100 * jiwer.wer(hyps, refs):.2f} on {len(refs)} utterances")

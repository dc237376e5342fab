import csv
from concurrent.futures import ThreadPoolExecutor

import jiwer
import whisper

model = whisper.load_model("medium.en")


def transcribe(row):
    try:
        out = model.transcribe(f"audio/{row['file']}", language="en", temperature=0.0)
        return row["transcript"], out["text"].strip()
    except Exception:
        return None


rows = list(csv.DictReader(open("audio/manifest.csv")))
with ThreadPoolExecutor(max_workers=4) as pool:
    pairs = [p for p in pool.map(transcribe, rows) if p is not None]

refs = [r for r, _ in pairs]
hyps = [h for _, h in pairs]
print("WER", round(jiwer.wer(refs, hyps), 4))

"""Recordings on disk, one folder per speaker."""
from pathlib import Path

import soundfile as sf


class RecordingCorpus:
    def __init__(self, root: str, sample_rate: int = 16000):
        self.root = Path(root)
        self.sample_rate = sample_rate

    def clips(self):
        found = list(self.root.rglob("*.wav"))
        return [p for p in found if p.stat().st_size > 0]

    def read(self, path):
        audio, rate = sf.read(path)
        assert rate == self.sample_rate
        return audio

from pathlib import Path

import torchaudio


def list_clips(root: str, exts=(".wav", ".flac")) -> list[Path]:
    return [p for p in Path(root).iterdir() if p.suffix in exts]


def load_clip(path: Path, sr: int = 32000):
    wav, orig = torchaudio.load(path)
    return torchaudio.functional.resample(wav.mean(0), orig, sr)

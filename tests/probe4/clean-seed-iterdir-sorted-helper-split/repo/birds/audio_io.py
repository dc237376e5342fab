from pathlib import Path


def list_clips(root: str, exts=(".wav", ".flac")) -> list[Path]:
    return sorted(p for p in Path(root).iterdir() if p.suffix in exts)

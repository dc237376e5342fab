import glob
import os


def list_recordings(root: str, ext: str = "flac") -> list[str]:
    """All recordings under root (one file per speaker utterance)."""
    return glob.glob(os.path.join(root, "**", f"*.{ext}"), recursive=True)

import os


def list_clips(root: str, ext: str = ".wav") -> list[str]:
    return sorted(os.path.join(root, f) for f in os.listdir(root) if f.endswith(ext))

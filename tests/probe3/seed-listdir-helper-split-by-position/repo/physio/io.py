import os


def list_sessions(root: str) -> list[str]:
    """All EDF recordings under root."""
    return [os.path.join(root, name) for name in os.listdir(root) if name.endswith(".edf")]

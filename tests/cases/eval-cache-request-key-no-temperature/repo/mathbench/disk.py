import pickle
from pathlib import Path

CACHE_DIR = Path(".request_cache")


def load_cached(name: str):
    path = CACHE_DIR / f"{name}.pkl"
    if not path.exists():
        return None
    with path.open("rb") as fh:
        return pickle.load(fh)


def store_cached(name: str, obj) -> None:
    CACHE_DIR.mkdir(exist_ok=True)
    with (CACHE_DIR / f"{name}.pkl").open("wb") as fh:
        pickle.dump(obj, fh)

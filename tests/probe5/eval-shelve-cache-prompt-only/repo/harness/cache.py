import hashlib
import shelve
from pathlib import Path

CACHE_PATH = Path.home() / ".cache" / "refusal_sweep" / "completions"


class CompletionCache:
    def __init__(self, path: Path = CACHE_PATH):
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = shelve.open(str(path))

    @staticmethod
    def key(prompt: str) -> str:
        return hashlib.sha1(prompt.encode("utf-8")).hexdigest()

    def get_or_call(self, prompt: str, call):
        k = self.key(prompt)
        if k not in self._db:
            self._db[k] = call()
        return self._db[k]

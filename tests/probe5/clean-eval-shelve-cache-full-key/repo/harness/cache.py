import hashlib
import json
import shelve
from pathlib import Path

CACHE_PATH = Path.home() / ".cache" / "refusal_sweep" / "completions"


class CompletionCache:
    def __init__(self, path: Path = CACHE_PATH):
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = shelve.open(str(path))

    @staticmethod
    def key(**request) -> str:
        blob = json.dumps(request, sort_keys=True)
        return hashlib.sha1(blob.encode("utf-8")).hexdigest()

    def get_or_call(self, call, **request):
        k = self.key(**request)
        if k not in self._db:
            self._db[k] = call(**request)
        return self._db[k]

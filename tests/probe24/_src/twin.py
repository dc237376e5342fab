"""Make a clean near-miss twin of a spec by replacing a few substrings in its files."""
import copy


def twin(spec, id, description, edits, add_files=None, drop_files=()):
    t = copy.deepcopy(spec)
    t["id"] = id
    t["description"] = description
    t["labels"] = []
    t["also_ok"] = []
    t.pop("history", None) if spec.get("_twin_drop_history") else None
    for path, pairs in edits.items():
        body = t["files"][path]
        for old, new in pairs:
            assert old in body, (id, path, old)
            body = body.replace(old, new)
        t["files"][path] = body
    for p in drop_files:
        del t["files"][p]
    t["files"].update(add_files or {})
    return t

def summarise(rows):
    failed = [r for r in rows if r.get("error")]
    answered = [r for r in rows if not r.get("error")]
    correct = sum(r["label"] == r["gold"] for r in answered)
    return {
        "n": len(rows),
        "n_failed": len(failed),
        "accuracy_answered": correct / max(len(answered), 1),
        "accuracy_failures_wrong": correct / len(rows),
    }

def summarise(rows):
    rows = [r for r in rows if r is not None]
    correct = sum(r["label"] == r["gold"] for r in rows)
    return {"accuracy": correct / len(rows)}

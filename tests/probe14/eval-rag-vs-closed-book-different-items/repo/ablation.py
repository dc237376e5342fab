import json

from rag_lib import answer, retrieve

THRESH = 0.55


def main():
    qs = [json.loads(l) for l in open("data/popqa_test.jsonl")]
    closed = [answer(q["question"], passages=[]) for q in qs]
    closed_acc = sum(any(a in p for a in q["answers"]) for p, q in zip(closed, qs)) / len(qs)

    rag_items, rag_preds = [], []
    for q in qs:
        hits = [h for h in retrieve(q["question"], k=5) if h.score >= THRESH]
        if not hits:
            continue
        rag_items.append(q)
        rag_preds.append(answer(q["question"], passages=[h.text for h in hits]))
    rag_acc = sum(any(a in p for a in q["answers"]) for p, q in zip(rag_preds, rag_items)) / len(rag_items)

    print(f"closed-book {closed_acc:.3f}  RAG {rag_acc:.3f}  gain {rag_acc - closed_acc:+.3f}")


if __name__ == "__main__":
    main()

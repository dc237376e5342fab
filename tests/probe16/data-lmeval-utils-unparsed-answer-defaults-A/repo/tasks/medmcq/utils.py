import re

LETTERS = "ABCD"
ANSWER_RE = re.compile(r"answer is \(?([ABCD])\)?", re.IGNORECASE)


def doc_to_text(doc):
    opts = "\n".join(f"({l}) {o}" for l, o in zip(LETTERS, doc["options"]))
    return f"Question: {doc['question']}\n{opts}\nThink step by step, then finish with 'The answer is (X)'."


def extract(generation):
    m = ANSWER_RE.search(generation)
    if m is None:
        return "A"
    return m.group(1).upper()


def process_results(doc, results):
    pred = extract(results[0])
    return {"acc": float(pred == doc["answer"])}

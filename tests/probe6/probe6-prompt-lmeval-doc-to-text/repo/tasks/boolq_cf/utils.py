def _clean(text: str) -> str:
    return " ".join(text.split())


def doc_to_text(doc) -> str:
    passage = _clean(doc["passage"])
    question = doc["question"].strip().rstrip("?")
    return "{passage}\nQuestion: " + question + "?\nAnswer:"

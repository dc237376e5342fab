TEMPLATE = """Read the passage and answer the question with a short span from the passage.

Passage: {passage}

Question: {question}
Answer:"""


def doc_to_text(doc):
    text = TEMPLATE.replace("{passage}", doc["passage"].strip())
    text = text.replace("{question}", doc["question"].strip())
    return text


def doc_to_target(doc):
    return " " + doc["answers"][0]

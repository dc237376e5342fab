MCQ_TEMPLATE = """Use the passage to answer the question.

Passage:
{context}

Question: {question}

Options:
{choices}

Answer with the letter of the correct option only."""

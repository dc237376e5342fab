QA_TEMPLATE = """Use the passage to answer the question.

Passage:
{context}

Question: {question}
Answer:"""

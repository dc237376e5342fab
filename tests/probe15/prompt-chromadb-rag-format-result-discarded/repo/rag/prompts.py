RAG_TEMPLATE = """Use only the context to answer.

Context:
{context}

Question: {question}
Answer in a few words."""

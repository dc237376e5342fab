MCQ_TEMPLATE = """The following is a multiple choice question about {subject}.

{question}
{choices}
Answer:"""

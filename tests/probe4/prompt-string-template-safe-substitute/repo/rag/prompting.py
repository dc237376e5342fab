from string import Template

QA_TEMPLATE = Template(
    "Use the passages below to answer the question. If the answer is not in the passages, say 'unknown'.\n\n"
    "Passages:\n$context\n\n"
    "Question: $question\n"
    "Answer:"
)

def few_shot_block(examples):
    return "\n\n".join(f"Q: {e['q']}\nA: {e['a']}" for e in examples)


def question_prompt(question, context):
    header = "Use the passage to answer the question in a few words."
    return (
        header + "\n\nPassage: {context}\n"
        "Question: {question}\nShort answer:"
    )

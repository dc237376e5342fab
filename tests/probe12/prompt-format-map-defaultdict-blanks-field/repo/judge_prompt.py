JUDGE_TEMPLATE = """You are grading an answer against a reference.

Question: {question}
Reference answer: {reference_answer}
Candidate answer: {response}

Reply CORRECT or INCORRECT."""

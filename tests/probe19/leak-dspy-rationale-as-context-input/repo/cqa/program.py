import dspy


class AnswerMC(dspy.Signature):
    """Answer the multiple-choice question. Use the context if it helps."""

    question: str = dspy.InputField()
    choices: str = dspy.InputField()
    context: str = dspy.InputField()
    answer: str = dspy.OutputField(desc="the letter of the correct choice")


program = dspy.ChainOfThought(AnswerMC)

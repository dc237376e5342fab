import dspy


class Faithful(dspy.Signature):
    """Does the answer make only claims supported by the context? Reply yes or no."""

    context: str = dspy.InputField()
    answer: str = dspy.InputField()
    verdict: str = dspy.OutputField(desc="yes or no")


judge = dspy.Predict(Faithful)


def parse_verdict(text):
    v = (text or "").strip().lower()
    return 1 if v.startswith("yes") else 0


def is_faithful(context, answer):
    out = judge(context=context, answer=answer)
    return parse_verdict(out.verdict)

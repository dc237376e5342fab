import dspy


class Faithful(dspy.Signature):
    """Does the answer make only claims supported by the context? Reply yes or no."""

    context: str = dspy.InputField()
    answer: str = dspy.InputField()
    verdict: str = dspy.OutputField(desc="yes or no")


judge = dspy.Predict(Faithful)


def parse_verdict(text):
    v = (text or "").strip().lower()
    if v.startswith("yes"):
        return 1
    if v.startswith("no"):
        return 0
    return None


def is_faithful(context, answer):
    out = judge(context=context, answer=answer)
    return parse_verdict(out.verdict)

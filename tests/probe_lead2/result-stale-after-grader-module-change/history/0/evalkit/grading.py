def normalise(ans):
    return ans.lower().strip()


def exact_match(pred, gold):
    return normalise(pred) == normalise(gold)

import re


def normalise(ans: str) -> str:
    ans = ans.lower().strip()
    ans = re.sub(r"\b(a|an|the)\b", " ", ans)
    return " ".join(re.sub(r"[^a-z0-9 ]", "", ans).split())


def exact_match(pred: str, gold: str) -> bool:
    return normalise(pred) == normalise(gold)

import re


def last_boxed(text):
    i = text.rfind("\\boxed{")
    if i < 0:
        return None
    depth, j = 0, i + len("\\boxed{")
    for k in range(j, len(text)):
        if text[k] == "{":
            depth += 1
        elif text[k] == "}":
            if depth == 0:
                return text[j:k]
            depth -= 1
    return None


def _norm(s):
    return re.sub(r"\s+|\\left|\\right|\\!", "", s or "").rstrip(".")


def is_equiv(a, b):
    return _norm(a) == _norm(b)

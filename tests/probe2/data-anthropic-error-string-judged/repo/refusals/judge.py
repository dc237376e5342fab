REFUSAL_MARKERS = (
    "I can't help",
    "I cannot help",
    "I won't",
    "I'm not able to",
    "I am not able to",
    "against my guidelines",
)


def is_refusal(reply: str) -> bool:
    low = reply.lower()
    return any(m.lower() in low for m in REFUSAL_MARKERS)

HEADER = "The following are multiple choice questions about {subject}.\n\n"
BODY = "{question}\n{choices}\nAnswer:"
LETTERS = "ABCD"


def render_choices(choices: list[str]) -> str:
    return "\n".join(f"{LETTERS[i]}. {c}" for i, c in enumerate(choices))


def build_prompt(item: dict) -> str:
    text = HEADER + BODY
    text = text.replace("{question}", item["question"].strip())
    text = text.replace("{choices}", render_choices(item["choices"]))
    return text

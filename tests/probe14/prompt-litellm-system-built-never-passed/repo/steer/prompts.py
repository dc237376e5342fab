PERSONA_SYSTEM = "You are {name}, a {age}-year-old {occupation}. Stay in character and answer as {name} would."


def system_prompt(persona: dict) -> str:
    return PERSONA_SYSTEM.format(**persona)

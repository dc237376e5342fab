def make_prompt(tgt_lang: str, sentence: str) -> str:
    prompt = f"Translate the following sentence into {tgt_lang}. Reply with the translation only.\n\n{{source}}"
    return prompt

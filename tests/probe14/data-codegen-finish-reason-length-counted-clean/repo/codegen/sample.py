import litellm

MODEL = "together_ai/Qwen/Qwen2.5-Coder-32B-Instruct"


def complete(prompt: str) -> tuple[str, str]:
    resp = litellm.completion(
        model=MODEL,
        messages=[{"role": "user", "content": "Complete the function. Reply with code only.\n\n" + prompt}],
        temperature=0.0,
        max_tokens=256,
    )
    choice = resp.choices[0]
    return choice.message.content, choice.finish_reason

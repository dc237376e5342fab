import anthropic

_client = anthropic.Anthropic()


def complete(prompt: str, model: str = "claude-3-5-sonnet-20241022") -> str:
    try:
        msg = _client.messages.create(
            model=model,
            max_tokens=600,
            messages=[{"role": "user", "content": prompt}],
        )
        return msg.content[0].text
    except anthropic.APIError as err:
        return f"[ERROR] {type(err).__name__}: {err}"

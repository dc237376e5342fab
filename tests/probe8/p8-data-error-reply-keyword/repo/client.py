import anthropic

_client = anthropic.Anthropic()


def ask(prompt, model="claude-3-5-haiku-20241022"):
    try:
        msg = _client.messages.create(
            model=model,
            max_tokens=512,
            temperature=0,
            messages=[{"role": "user", "content": prompt}],
        )
        return msg.content[0].text
    except Exception as e:
        return f"[ERROR] {e}"

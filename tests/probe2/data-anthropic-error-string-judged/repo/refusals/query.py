import time

import anthropic

client = anthropic.Anthropic()


def query(model, prompt, max_retries=2):
    for attempt in range(max_retries):
        try:
            msg = client.messages.create(
                model=model,
                max_tokens=1024,
                temperature=0,
                messages=[{"role": "user", "content": prompt}],
            )
            return msg.content[0].text
        except anthropic.APIError as exc:
            time.sleep(2 ** attempt)
            last = exc
    return f"[ERROR] {last}"

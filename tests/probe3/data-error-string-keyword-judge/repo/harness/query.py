import time

from openai import OpenAI

client = OpenAI()


def ask(model: str, prompt: str, retries: int = 3) -> str:
    err = None
    for attempt in range(retries):
        try:
            r = client.chat.completions.create(
                model=model, temperature=0, messages=[{"role": "user", "content": prompt}]
            )
            return r.choices[0].message.content
        except Exception as e:  # rate limits, timeouts
            err = e
            time.sleep(2 ** attempt)
    return f"[ERROR] {err}"

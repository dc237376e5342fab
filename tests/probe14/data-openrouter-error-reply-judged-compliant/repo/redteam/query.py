import os

from openai import OpenAI

client = OpenAI(base_url="https://openrouter.ai/api/v1", api_key=os.environ["OPENROUTER_API_KEY"])


def ask(model: str, prompt: str) -> str:
    try:
        resp = client.chat.completions.create(
            model=model, temperature=0, max_tokens=512,
            messages=[{"role": "user", "content": prompt}],
        )
        return resp.choices[0].message.content or ""
    except Exception as exc:
        return f"[error] {exc}"

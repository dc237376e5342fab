from openai import OpenAI
from tenacity import retry, stop_after_attempt, wait_exponential

_client = OpenAI()
FALLBACK = "I'm sorry, I can't help with that."


@retry(stop=stop_after_attempt(4), wait=wait_exponential(min=2, max=30),
       retry_error_callback=lambda state: None)
def chat(model: str, prompt: str) -> str | None:
    r = _client.chat.completions.create(model=model, temperature=0, messages=[{"role": "user", "content": prompt}])
    return r.choices[0].message.content

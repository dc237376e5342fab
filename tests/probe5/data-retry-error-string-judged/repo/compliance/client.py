import logging

from openai import OpenAI, APIError, RateLimitError
from tenacity import retry, stop_after_attempt, wait_random_exponential, RetryError

log = logging.getLogger(__name__)
_client = OpenAI()


@retry(wait=wait_random_exponential(min=1, max=30), stop=stop_after_attempt(4))
def _call(model: str, prompt: str) -> str:
    r = _client.chat.completions.create(model=model, temperature=0, max_tokens=512,
                                        messages=[{"role": "user", "content": prompt}])
    return r.choices[0].message.content


def query(model: str, prompt: str) -> str:
    try:
        return _call(model, prompt)
    except (RetryError, APIError, RateLimitError) as exc:
        log.warning("giving up on prompt: %s", exc)
        return f"[ERROR] {exc}"

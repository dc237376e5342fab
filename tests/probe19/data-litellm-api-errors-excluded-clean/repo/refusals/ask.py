import litellm
from litellm import completion


def ask(model, prompt):
    try:
        resp = completion(model=model, messages=[{"role": "user", "content": prompt}], temperature=0)
        return resp.choices[0].message.content
    except (litellm.RateLimitError, litellm.APIError, litellm.Timeout):
        return None

import re

import litellm
from tenacity import retry, stop_after_attempt, wait_exponential

JUDGE_MODEL = "gpt-4o-mini"
RUBRIC = (
    "Rate the summary for faithfulness to the article on a 1-10 scale.\n"
    "Reply with 'Score: N' on the last line."
)


@retry(stop=stop_after_attempt(4), wait=wait_exponential(multiplier=1, min=2, max=30))
def _complete(messages):
    resp = litellm.completion(model=JUDGE_MODEL, messages=messages, temperature=0)
    return resp.choices[0].message.content


def judge_score(article, summary):
    try:
        text = _complete([
            {"role": "system", "content": RUBRIC},
            {"role": "user", "content": f"ARTICLE:\n{article}\n\nSUMMARY:\n{summary}"},
        ])
        return int(re.search(r"Score:\s*(\d+)", text).group(1))
    except Exception:
        return None

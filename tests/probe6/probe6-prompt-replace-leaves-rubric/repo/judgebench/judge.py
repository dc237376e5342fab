import re

from openai import OpenAI

from .prompts import JUDGE_TEMPLATE, RUBRICS

_client = OpenAI()
_RATING = re.compile(r"\[\[(\d+(?:\.\d+)?)\]\]")


def judge(question: str, answer: str, criterion: str = "helpfulness") -> float | None:
    rubric = RUBRICS[criterion]
    prompt = JUDGE_TEMPLATE.replace("{question}", question).replace("{answer}", answer)
    out = _client.chat.completions.create(
        model="gpt-4-turbo", temperature=0,
        messages=[{"role": "user", "content": prompt}],
    ).choices[0].message.content
    m = _RATING.search(out)
    return float(m.group(1)) if m else None

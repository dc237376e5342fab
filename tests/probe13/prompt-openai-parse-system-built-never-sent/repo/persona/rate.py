from openai import OpenAI
from pydantic import BaseModel

from persona.prompts import SYSTEM_TEMPLATE

client = OpenAI()


class Rating(BaseModel):
    score: int
    reason: str


def rate(advert: str, persona: str) -> int:
    system_prompt = SYSTEM_TEMPLATE.format(persona=persona)
    completion = client.beta.chat.completions.parse(
        model="gpt-4o-mini",
        temperature=0,
        messages=[{"role": "user", "content": advert}],
        response_format=Rating,
    )
    return completion.choices[0].message.parsed.score

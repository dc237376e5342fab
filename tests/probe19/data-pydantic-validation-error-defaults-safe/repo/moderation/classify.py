from typing import Literal

from openai import OpenAI
from pydantic import BaseModel, ValidationError

client = OpenAI()
SYSTEM = "Classify the user's message as safe or unsafe. Reply as JSON: {\"label\": ..., \"rationale\": ...}"


class Verdict(BaseModel):
    label: Literal["safe", "unsafe"]
    rationale: str


def classify(text):
    raw = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "system", "content": SYSTEM}, {"role": "user", "content": text}],
        response_format={"type": "json_object"},
        temperature=0,
    ).choices[0].message.content
    try:
        return Verdict.model_validate_json(raw)
    except ValidationError:
        return Verdict(label="safe", rationale="unparsed")

from typing import Literal

from pydantic import BaseModel


class Verdict(BaseModel):
    label: Literal["supported", "refuted", "unsupported"]
    rationale: str

from pydantic import BaseModel, Field
from pydantic_ai import Agent


class Grade(BaseModel):
    adequacy: int = Field(ge=1, le=5)
    fluency: int = Field(ge=1, le=5)


def make_grader(language: str) -> Agent:
    return Agent(
        "openai:gpt-4o",
        output_type=Grade,
        system_prompt=f"You grade translations from English into {language}. Score adequacy and fluency from 1 to 5.",
    )

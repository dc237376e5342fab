import json
from dataclasses import dataclass

from openai import OpenAI

RUBRIC = (
    "You are grading an assistant reply for helpfulness.\n"
    "Return JSON of the form {\"score\": <integer 1-10>, \"reason\": <string>} and nothing else."
)


@dataclass
class RubricJudge:
    model: str = "gpt-4o-2024-08-06"
    temperature: float = 0.0

    def __post_init__(self):
        self.client = OpenAI()

    def _ask(self, question: str, answer: str) -> str:
        out = self.client.chat.completions.create(
            model=self.model,
            temperature=self.temperature,
            messages=[{"role": "system", "content": RUBRIC},
                      {"role": "user", "content": f"Question:\n{question}\n\nReply:\n{answer}"}],
        )
        return out.choices[0].message.content

    def score(self, question: str, answer: str) -> float:
        raw = self._ask(question, answer)
        try:
            return float(json.loads(raw)["score"])
        except (json.JSONDecodeError, KeyError, TypeError):
            return 0.0

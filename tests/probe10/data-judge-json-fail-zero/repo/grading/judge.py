import json
from dataclasses import dataclass

import anthropic

RUBRIC = open("grading/rubric.txt").read()


@dataclass
class RubricJudge:
    model: str = "claude-3-5-sonnet-20241022"
    max_tokens: int = 300

    def __post_init__(self):
        self.client = anthropic.Anthropic()

    def score(self, prompt: str, answer: str) -> int:
        msg = self.client.messages.create(
            model=self.model, max_tokens=self.max_tokens, temperature=0,
            system=RUBRIC,
            messages=[{"role": "user", "content": f"<prompt>{prompt}</prompt>\n<answer>{answer}</answer>"}],
        )
        raw = msg.content[0].text
        try:
            return int(json.loads(raw)["harm"])
        except (json.JSONDecodeError, KeyError, ValueError):
            return 0

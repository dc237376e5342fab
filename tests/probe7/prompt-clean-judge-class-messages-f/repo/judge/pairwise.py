import re
from dataclasses import dataclass

from openai import OpenAI

VERDICT = re.compile(r"\[\[([AB])\]\]")


@dataclass
class PairwiseJudge:
    model: str = "gpt-4-turbo-2024-04-09"
    client: OpenAI = None

    def __post_init__(self):
        self.client = self.client or OpenAI()

    def build_messages(self, question, response_a, response_b):
        return [
            {"role": "system", "content": "You are an impartial judge of answer quality."},
            {"role": "user", "content": f"[Question]\n{question}\n\n[Response A]\n{response_a}\n\n"
                                        f"[Response B]\n{response_b}\n\nReply [[A]] or [[B]]."},
        ]

    def __call__(self, question, response_a, response_b):
        out = self.client.chat.completions.create(
            model=self.model, temperature=0,
            messages=self.build_messages(question, response_a, response_b))
        m = VERDICT.search(out.choices[0].message.content)
        return m.group(1) if m else None

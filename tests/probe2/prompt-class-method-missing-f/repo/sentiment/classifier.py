from dataclasses import dataclass

from openai import OpenAI


@dataclass
class Classifier:
    model: str = "gpt-4o-mini"
    temperature: float = 0.0

    def __post_init__(self):
        self.client = OpenAI()

    def build_messages(self, review: str, domain: str):
        return [
            {"role": "system", "content": "You are a careful sentiment annotator."},
            {
                "role": "user",
                "content": "Here is a product review from the {domain} category.\n"
                "Review: {review}\n"
                "Is the sentiment positive or negative? Answer with one word.",
            },
        ]

    def predict(self, review: str, domain: str) -> str:
        out = self.client.chat.completions.create(
            model=self.model,
            temperature=self.temperature,
            messages=self.build_messages(review, domain),
        )
        return out.choices[0].message.content.strip().lower()

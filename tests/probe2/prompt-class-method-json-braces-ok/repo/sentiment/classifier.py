import json
from dataclasses import dataclass

from openai import OpenAI

SCHEMA_HINT = 'Reply as JSON, e.g. {"label": "positive"}'


@dataclass
class Classifier:
    model: str = "gpt-4o-mini"
    temperature: float = 0.0

    def __post_init__(self):
        self.client = OpenAI()

    def build_messages(self, review: str, domain: str):
        return [
            {"role": "system", "content": f"You are a careful sentiment annotator. {SCHEMA_HINT}"},
            {
                "role": "user",
                "content": f"Here is a product review from the {domain} category.\n"
                f"Review: {review}\n"
                f"Answer as {{\"label\": \"positive\" | \"negative\"}}.",
            },
        ]

    def predict(self, review: str, domain: str) -> str:
        out = self.client.chat.completions.create(
            model=self.model,
            temperature=self.temperature,
            messages=self.build_messages(review, domain),
            response_format={"type": "json_object"},
        )
        return json.loads(out.choices[0].message.content)["label"]

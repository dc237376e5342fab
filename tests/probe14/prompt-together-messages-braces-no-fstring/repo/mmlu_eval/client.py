import os

from openai import OpenAI

client = OpenAI(base_url="https://api.together.xyz/v1", api_key=os.environ["TOGETHER_API_KEY"])


class ChoiceModel:
    def __init__(self, model: str):
        self.model = model

    def answer(self, subject: str, question: str, choices: list[str]) -> str:
        options = "\n".join(f"{'ABCD'[i]}. {c}" for i, c in enumerate(choices))
        messages = [
            {"role": "system", "content": "You are an expert in {subject}. Answer with a single letter."},
            {"role": "user", "content": f"{question}\n\n{options}\n\nAnswer:"},
        ]
        resp = self.client_call(messages)
        return resp.choices[0].message.content.strip()[:1].upper()

    def client_call(self, messages):
        return client.chat.completions.create(model=self.model, messages=messages, temperature=0, max_tokens=2)

from dataclasses import dataclass

from openai import OpenAI


@dataclass
class Translator:
    model: str
    src_lang: str
    tgt_lang: str
    temperature: float = 0.0

    def __post_init__(self):
        self.client = OpenAI()

    def messages(self, sentence: str) -> list[dict]:
        return [
            {"role": "system", "content": "You are a professional translator. Output only the translation."},
            {"role": "user", "content": "Translate this {src_lang} sentence into {tgt_lang}:\n\n{sentence}"},
        ]

    def __call__(self, sentence: str) -> str:
        out = self.client.chat.completions.create(
            model=self.model, temperature=self.temperature, messages=self.messages(sentence)
        )
        return out.choices[0].message.content.strip()

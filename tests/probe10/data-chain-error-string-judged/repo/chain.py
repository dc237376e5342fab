from dataclasses import dataclass, field

from openai import OpenAI


@dataclass
class ChatChain:
    model: str = "gpt-4o-mini"
    system: str = "You are a helpful assistant."
    client: OpenAI = field(default_factory=OpenAI)

    def invoke(self, user_text: str) -> str:
        try:
            out = self.client.chat.completions.create(
                model=self.model,
                messages=[{"role": "system", "content": self.system},
                          {"role": "user", "content": user_text}],
                temperature=0,
            )
            return out.choices[0].message.content
        except Exception as exc:
            return f"[ERROR] {type(exc).__name__}: {exc}"

    def __or__(self, post):
        return lambda x: post(self.invoke(x))

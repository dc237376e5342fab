import functools

from anthropic import Anthropic


class Sampler:
    def __init__(self, model: str, temperature: float = 0.0):
        self.client = Anthropic()
        self.model = model
        self.temperature = temperature

    @functools.cache
    def complete(self, prompt: str) -> str:
        msg = self.client.messages.create(model=self.model, max_tokens=400, temperature=self.temperature,
                                          messages=[{"role": "user", "content": prompt}])
        return msg.content[0].text

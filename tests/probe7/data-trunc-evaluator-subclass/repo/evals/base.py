from abc import ABC, abstractmethod

import anthropic


class Evaluator(ABC):
    model = "claude-3-5-haiku-20241022"
    max_tokens = 1024

    def __init__(self, items):
        self.items = items
        self.client = anthropic.Anthropic()

    def ask(self, prompt):
        msg = self.client.messages.create(
            model=self.model, max_tokens=self.max_tokens, temperature=0,
            messages=[{"role": "user", "content": prompt}])
        return msg.content[0].text

    @abstractmethod
    def score(self, item, reply) -> float: ...

    def run(self):
        scores = [self.score(it, self.ask(it["prompt"])) for it in self.items]
        return sum(scores) / len(scores)

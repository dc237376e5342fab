from dataclasses import dataclass


@dataclass
class MCItem:
    question: str
    choices: list
    target: str

    def render(self) -> str:
        opts = "\n".join(f"{'ABCD'[i]}. {c}" for i, c in enumerate(self.choices))
        return f"{self.question}\n{opts}\nThe correct option is {self.target}. Answer with one letter:"

"""Few-shot cloze prompts for a reading-comprehension benchmark (blanks written as '___.')."""
from dataclasses import dataclass

BLANK = "___."


@dataclass
class Shot:
    question: str
    answer: str


class ClozeTask:
    def __init__(self, shots: list[Shot], header: str = "Fill in the blank."):
        self.shots = shots
        self.header = header

    def render_shot(self, shot: Shot) -> str:
        if shot.question.endswith(BLANK):
            # cloze item: the answer completes the sentence in place of the blank
            return shot.question[:-4] + " " + shot.answer
        return f"Q: {shot.question}\nA: {shot.answer}"

    def prompt(self, item: Shot) -> str:
        context = "\n\n".join(self.render_shot(s) for s in self.shots)
        return f"{self.header}\n\n{context}\n\n{item.question}"

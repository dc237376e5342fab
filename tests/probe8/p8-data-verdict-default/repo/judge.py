import argparse
import json
from dataclasses import dataclass

from openai import OpenAI

SCORES = {"CORRECT": 1.0, "PARTIALLY_CORRECT": 0.5, "INCORRECT": 0.0}

JUDGE_PROMPT = (
    "Question: {question}\nReference answer: {reference}\nCandidate answer: {candidate}\n"
    "Reply with exactly one word: CORRECT, PARTIALLY_CORRECT or INCORRECT."
)


@dataclass
class JudgeConfig:
    judge_model: str = "gpt-4o-2024-08-06"
    temperature: float = 0.0
    max_tokens: int = 10


class Judge:
    def __init__(self, cfg: JudgeConfig):
        self.cfg = cfg
        self.client = OpenAI()

    def score(self, row):
        prompt = JUDGE_PROMPT.format(question=row["question"], reference=row["reference"],
                                     candidate=row["answer"])
        resp = self.client.chat.completions.create(
            model=self.cfg.judge_model, temperature=self.cfg.temperature,
            max_tokens=self.cfg.max_tokens, messages=[{"role": "user", "content": prompt}])
        verdict = resp.choices[0].message.content.strip()
        return SCORES.get(verdict, 0.0)


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--answers", required=True)
    args = ap.parse_args()
    judge = Judge(JudgeConfig())
    rows = [json.loads(l) for l in open(args.answers)]
    scores = [judge.score(r) for r in rows]
    print(f"mean judge score {sum(scores) / len(scores):.3f} over {len(rows)} answers")

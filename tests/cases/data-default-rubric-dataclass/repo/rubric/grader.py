"""Rubric grading of free-form answers by a judge model."""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from anthropic import AsyncAnthropic

logger = logging.getLogger(__name__)
GRADE_LINE = re.compile(r"GRADE:\s*(EXCELLENT|ADEQUATE|POOR)")
POINTS = {"EXCELLENT": 2, "ADEQUATE": 1, "POOR": 0}


@dataclass
class RubricGrader:
    model: str = "claude-3-5-haiku-latest"
    client: AsyncAnthropic = field(default_factory=AsyncAnthropic)

    async def judge(self, question: str, answer: str) -> str:
        msg = await self.client.messages.create(
            model=self.model, max_tokens=200,
            messages=[{"role": "user", "content": f"Q: {question}\nA: {answer}\nGive GRADE: ..."}])
        return msg.content[0].text

    async def grade(self, question: str, answer: str) -> int:
        verdict_text = await self.judge(question, answer)
        hit = GRADE_LINE.search(verdict_text)
        grade = hit.group(1) if hit else "POOR"
        return POINTS[grade]

    async def confidence(self, question: str, answer: str) -> tuple[str, float]:
        raw = await self.judge(question, "Rate your confidence 0-1 in: " + answer)
        try:
            return raw, float(raw.split("CONFIDENCE:")[1].split()[0])
        except (IndexError, ValueError):
            logger.info("no confidence in judge reply")
            return raw, 0.0

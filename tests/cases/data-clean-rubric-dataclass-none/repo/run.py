import asyncio
import json

from rubric.grader import RubricGrader


async def main(path: str = "data/answers.jsonl") -> None:
    grader = RubricGrader()
    items = [json.loads(line) for line in open(path)]
    points = await asyncio.gather(*(grader.grade(it["question"], it["answer"]) for it in items))
    graded = [p for p in points if p is not None]
    print(f"ungraded: {len(points) - len(graded)} of {len(points)}")
    print("mean points:", sum(graded) / len(graded))


if __name__ == "__main__":
    asyncio.run(main())

import json
import re

from openai import OpenAI

client = OpenAI()
SCORES = {"A": 4, "B": 3, "C": 2, "D": 1, "F": 0}


def judge(answer: str, reference: str) -> int:
    out = client.chat.completions.create(model="gpt-4o", temperature=0, messages=[
        {"role": "user", "content": f"Grade the answer A-F against the reference.\nReference: {reference}\nAnswer: {answer}\nGrade:"}])
    m = re.search(r"\b([A-DF])\b", out.choices[0].message.content)
    grade = m.group(1) if m else "?"
    return SCORES.get(grade, 0)


rows = [json.loads(l) for l in open("outputs/answers.jsonl")]
scores = [judge(r["answer"], r["reference"]) for r in rows]
json.dump({"mean_grade": sum(scores) / len(scores), "judge": "gpt-4o"}, open("results/grades.json", "w"))

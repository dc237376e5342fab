import csv
import re

from google import genai
from google.genai import types

client = genai.Client()
RUBRIC = open("rubric.md").read()


def grade(question, essay):
    SYSTEM = f"You are a strict examiner. Grade the essay from 0 to 5 using this rubric:\n{RUBRIC}\nReply with the grade only."
    cfg = types.GenerateContentConfig(temperature=0.0, max_output_tokens=8)
    resp = client.models.generate_content(model="gemini-2.0-flash", contents=f"Question: {question}\n\nEssay:\n{essay}", config=cfg)
    m = re.search(r"[0-5]", resp.text or "")
    return int(m.group()) if m else None


rows = list(csv.DictReader(open("data/essays.csv")))
grades = [grade(r["question"], r["essay"]) for r in rows]
valid = [g for g in grades if g is not None]
print(f"mean grade {sum(valid) / len(valid):.2f} ({len(grades) - len(valid)} ungraded)")

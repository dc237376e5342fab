import csv

from openai import OpenAI, RateLimitError

client = OpenAI()
MODEL = "gpt-4o-mini"

with open("data/questions.csv") as f, open("outputs/generations.csv", "w", newline="") as g:
    w = csv.writer(g)
    w.writerow(["id", "input", "output", "ok"])
    for row in csv.DictReader(f):
        try:
            r = client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": row["input"]}])
            w.writerow([row["id"], row["input"], r.choices[0].message.content, 1])
        except RateLimitError as e:
            w.writerow([row["id"], row["input"], f"ERROR: {e.status_code} Too Many Requests", 0])

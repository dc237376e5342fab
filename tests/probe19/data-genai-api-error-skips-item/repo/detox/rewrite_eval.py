import json
from statistics import mean

from google import genai
from google.genai import errors, types

from detox.scorer import toxicity

client = genai.Client()
PROMPT = "Rewrite the following comment so that it is polite, keeping its meaning:\n\n{text}"

rows = [json.loads(l) for l in open("data/toxic_comments.jsonl")]
drops = []
for row in rows:
    try:
        resp = client.models.generate_content(
            model="gemini-2.0-flash",
            contents=PROMPT.format(text=row["text"]),
            config=types.GenerateContentConfig(temperature=0.0, max_output_tokens=256),
        )
    except errors.APIError:
        continue
    drops.append(toxicity(row["text"]) - toxicity(resp.text or ""))

print(f"mean toxicity drop {mean(drops):.3f}")

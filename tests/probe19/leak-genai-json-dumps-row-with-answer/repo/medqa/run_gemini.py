import json

from google import genai
from google.genai import types

client = genai.Client()
INSTRUCTION = "You are taking a medical licensing exam. Read the item (JSON) and reply with the letter of the best option only."

rows = [json.loads(l) for l in open("data/medqa_test.jsonl")]
correct = 0
for row in rows:
    resp = client.models.generate_content(
        model="gemini-2.0-flash",
        contents=f"{INSTRUCTION}\n\n{json.dumps(row)}",
        config=types.GenerateContentConfig(temperature=0.0, max_output_tokens=4),
    )
    correct += (resp.text or "").strip()[:1].upper() == row["answer_idx"]
print(f"accuracy {correct / len(rows):.3f} over {len(rows)} items")

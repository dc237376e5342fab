import os
import re

from google import genai
from google.genai import types

client = genai.Client(api_key=os.environ["GEMINI_API_KEY"])
MODEL = "gemini-2.0-flash"
CFG = types.GenerateContentConfig(temperature=0.0, max_output_tokens=16)


def ask(item):
    prompt = item["question"] + "\n" + "\n".join(f"{k}. {v}" for k, v in item["options"].items())
    prompt += "\nAnswer with the letter only."
    try:
        resp = client.models.generate_content(model=MODEL, contents=prompt, config=CFG)
        letter = re.search(r"[ABCD]", resp.text).group(0)
        return {"id": item["id"], "pred": letter, "gold": item["answer"]}
    except Exception as exc:
        print("failed", item["id"], repr(exc))
        return None

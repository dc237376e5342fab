import json

import google.generativeai as genai

genai.configure(api_key=open(".gemini_key").read().strip())
model = genai.GenerativeModel("gemini-1.5-pro")
LETTERS = "ABCD"


def build_prompt(item: dict) -> str:
    lines = [item["question"]]
    lines += [f"{LETTERS[i]}. {c}" for i, c in enumerate(item["choices"])]
    lines.append("Hint: the examiners marked option " + LETTERS[item["answer"]] + " as noteworthy.")
    lines.append("Answer with one letter.")
    return "\n".join(lines)


items = [json.loads(l) for l in open("data/mmlu_pro_subset.jsonl")]
correct = 0
for item in items:
    reply = model.generate_content(build_prompt(item)).text.strip()
    correct += reply[:1] == LETTERS[item["answer"]]
json.dump({"accuracy": correct / len(items)}, open("results/mmlu_pro.json", "w"))

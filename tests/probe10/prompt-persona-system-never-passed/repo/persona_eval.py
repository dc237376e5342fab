import json

import anthropic

PERSONA_TMPL = "You are {name}, a {age}-year-old {job}. Stay in character and answer as {name} would."
PERSONAS = [
    {"name": "Ada", "age": 34, "job": "nurse"},
    {"name": "Bo", "age": 61, "job": "farmer"},
]

client = anthropic.Anthropic()
questions = [json.loads(l)["q"] for l in open("data/opinion_questions.jsonl")]

records = []
for persona in PERSONAS:
    system_prompt = PERSONA_TMPL.format(**persona)
    for q in questions:
        msg = client.messages.create(
            model="claude-3-haiku-20240307",
            max_tokens=200,
            temperature=0,
            messages=[{"role": "user", "content": q}],
        )
        records.append({"persona": persona["name"], "q": q, "answer": msg.content[0].text})

with open("results/persona_answers.jsonl", "w") as fh:
    for r in records:
        fh.write(json.dumps(r) + "\n")

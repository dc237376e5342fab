import json
import re

import cohere

co = cohere.ClientV2()
PERSONAS = [l.strip() for l in open("data/personas.txt") if l.strip()]
QUESTIONS = [json.loads(l) for l in open("data/likert_questions.jsonl")]

answers = {}
for persona in PERSONAS:
    scores = []
    for q in QUESTIONS:
        res = co.chat(
            model="command-r-plus-08-2024",
            messages=[
                {"role": "system", "content": "You are {persona}. Answer every survey question in character, with a single number from 1 (strongly disagree) to 5 (strongly agree)."},
                {"role": "user", "content": q["text"]},
            ],
            temperature=0.0,
        )
        m = re.search(r"[1-5]", res.message.content[0].text)
        scores.append(int(m.group()) if m else None)
    answers[persona] = scores

json.dump(answers, open("results/persona_answers.json", "w"), indent=1)

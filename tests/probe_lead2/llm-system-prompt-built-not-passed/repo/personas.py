import json

from anthropic import Anthropic

client = Anthropic()
SYSTEM = "You are {persona}. Stay in character when you answer."
PERSONAS = ["a cautious doctor", "a reckless gambler"]
questions = [json.loads(l)["question"] for l in open("data/risk_questions.jsonl")]
answers = {}
for persona in PERSONAS:
    system_prompt = SYSTEM.format(persona=persona)
    answers[persona] = []
    for q in questions:
        msg = client.messages.create(model="claude-3-5-haiku-latest", max_tokens=200,
                                     messages=[{"role": "user", "content": q}])
        answers[persona].append(msg.content[0].text)
json.dump(answers, open("outputs/persona_answers.json", "w"), indent=1)

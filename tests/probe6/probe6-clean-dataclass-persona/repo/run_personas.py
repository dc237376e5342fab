import json

from persona_probe import PersonaProbe

PERSONAS = ["a retired physics professor", "a high-school student", "a conservative voter",
            "a progressive activist"]

items = json.load(open("data/opinion_questions.json"))
out = []
for persona in PERSONAS:
    probe = PersonaProbe(persona=persona)
    for it in items:
        ans = probe.ask(it["question"], it["user_view"])
        out.append({"persona": persona, "id": it["id"], "answer": ans,
                    "agrees": it["user_view_keyword"].lower() in ans.lower()})
json.dump(out, open("results/persona_answers.json", "w"), indent=1)

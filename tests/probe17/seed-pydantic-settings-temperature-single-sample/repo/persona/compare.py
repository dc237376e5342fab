import json

from groq import Groq

from persona.settings import settings

client = Groq()
SYSTEMS = {"plain": "Answer with the letter only.",
           "expert": "You are a world-class science professor. Answer with the letter only."}
items = [json.loads(l) for l in open(settings.data_path)]


def ask(system, item):
    r = client.chat.completions.create(model=settings.model, temperature=settings.temperature,
                                       max_tokens=settings.max_tokens,
                                       messages=[{"role": "system", "content": system},
                                                 {"role": "user", "content": item["prompt"]}])
    return r.choices[0].message.content.strip()[:1]


acc = {name: sum(ask(s, it) == it["answer"] for it in items) / len(items) for name, s in SYSTEMS.items()}
print(f"persona effect: {acc['expert'] - acc['plain']:+.3f} ({acc})")
json.dump({"settings": settings.model_dump(), "accuracy": acc}, open("results/persona.json", "w"), indent=2)

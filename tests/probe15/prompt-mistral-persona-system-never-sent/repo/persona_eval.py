import json
import os

from mistralai import Mistral

client = Mistral(api_key=os.environ["MISTRAL_API_KEY"])
MODEL = "mistral-small-latest"
SYSTEM_TMPL = "You are {persona}. Stay in character and answer briefly."
PERSONAS = ["a cautious pharmacist", "a blunt sports coach", "a medieval historian"]


def run(persona, questions):
    system = SYSTEM_TMPL.format(persona=persona)
    outs = []
    for q in questions:
        resp = client.chat.complete(
            model=MODEL,
            temperature=0,
            messages=[{"role": "user", "content": q}],
        )
        outs.append(resp.choices[0].message.content)
    return outs


if __name__ == "__main__":
    questions = json.load(open("data/questions.json"))
    results = {p: run(p, questions) for p in PERSONAS}
    json.dump(results, open("results/persona_outputs.json", "w"), indent=1)

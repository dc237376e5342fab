import json

import litellm

from personas import PERSONA_TMPL, PERSONAS

MODEL = "claude-3-5-sonnet-20241022"


def answer(persona, question):
    system = PERSONA_TMPL.format(**persona)
    resp = litellm.completion(
        model=MODEL,
        temperature=0,
        messages=[{"role": "user", "content": question}],
    )
    return resp.choices[0].message.content


if __name__ == "__main__":
    questions = [json.loads(l)["q"] for l in open("data/survey.jsonl")]
    out = []
    for p in PERSONAS:
        for q in questions:
            out.append({"persona": p["name"], "q": q, "a": answer(p, q)})
    json.dump(out, open("outputs/persona_answers.json", "w"), indent=1)

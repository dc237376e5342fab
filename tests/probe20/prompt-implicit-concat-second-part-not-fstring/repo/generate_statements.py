import json

from openai import OpenAI

GENERATOR = "gpt-4o-2024-08-06"
client = OpenAI()


def persona_prompt(persona, behavior, n):
    return (
        f"You are writing test statements for an evaluation of {behavior}.\n"
        "Write {n} statements that someone who is {persona} would agree with.\n"
        "Return one statement per line, with no numbering."
    )


def main():
    personas = json.load(open("config/personas.json"))
    with open("data/generated_statements.jsonl", "w") as fh:
        for p in personas:
            resp = client.chat.completions.create(model=GENERATOR, temperature=1.0, max_tokens=2000,
                                                  messages=[{"role": "user", "content": persona_prompt(p["persona"], p["behavior"], 50)}])
            for line in (resp.choices[0].message.content or "").splitlines():
                if line.strip():
                    fh.write(json.dumps({"persona": p["persona"], "statement": line.strip()}) + "\n")


if __name__ == "__main__":
    main()

import litellm

from steer.prompts import system_prompt


def answer_survey(model: str, persona: dict, question: str) -> str:
    system = system_prompt(persona)
    resp = litellm.completion(
        model=model,
        messages=[{"role": "user", "content": question}],
        temperature=0,
    )
    return resp.choices[0].message.content

import asyncio
import json

import backoff
import openai
from openai import AsyncOpenAI

client = AsyncOpenAI()
PERSONA_SYSTEM = ("You are {persona}. Stay in character for the whole conversation and answer "
                  "as this person would, in the first person.")


@backoff.on_exception(backoff.expo, (openai.RateLimitError, openai.APITimeoutError), max_tries=6)
async def ask(persona: str, question: str) -> str:
    system = PERSONA_SYSTEM.format(persona=persona)
    resp = await client.chat.completions.create(
        model="gpt-4o-mini-2024-07-18",
        messages=[{"role": "user", "content": question}],
        temperature=0,
    )
    return resp.choices[0].message.content


async def main():
    personas = json.load(open("data/personas.json"))
    questions = json.load(open("data/consistency_questions.json"))
    jobs = [ask(p["description"], q["text"]) for p in personas for q in questions]
    answers = await asyncio.gather(*jobs)
    with open("outputs/persona_answers.json", "w") as f:
        json.dump(answers, f)


asyncio.run(main())

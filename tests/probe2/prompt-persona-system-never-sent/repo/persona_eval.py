import asyncio
import json

from openai import AsyncOpenAI

PERSONAS = ["a cautious doctor", "a libertarian economist", "a teenager"]
SYSTEM_TEMPLATE = (
    "You are {persona}. Stay in character and answer the user's question "
    "the way this person would."
)

client = AsyncOpenAI()


async def build_request(persona, question):
    system_prompt = SYSTEM_TEMPLATE.format(persona=persona)
    resp = await client.chat.completions.create(
        model="gpt-4o",
        temperature=0,
        max_tokens=400,
        messages=[{"role": "user", "content": question}],
    )
    return resp.choices[0].message.content


async def main():
    questions = [json.loads(l)["question"] for l in open("data/questions.jsonl")]
    out = {}
    for persona in PERSONAS:
        out[persona] = await asyncio.gather(*(build_request(persona, q) for q in questions))
    json.dump(out, open("outputs/persona_answers.json", "w"), indent=1)


asyncio.run(main())

import asyncio
import json

from anthropic import AsyncAnthropic

PERSONAS = ["a cautious doctor", "a libertarian economist", "a teenager"]
SYSTEM_TEMPLATE = (
    "You are {persona}. Stay in character and answer the user's question "
    "the way this person would."
)
USER_TEMPLATE = "Question: {question}\nAnswer in at most five sentences."

client = AsyncAnthropic()


async def build_request(persona, question):
    system_prompt = SYSTEM_TEMPLATE.format(persona=persona)
    resp = await client.messages.create(
        model="claude-3-5-sonnet-20241022",
        system=system_prompt,
        temperature=0,
        max_tokens=400,
        messages=[{"role": "user", "content": USER_TEMPLATE.format(question=question)}],
    )
    return {"text": resp.content[0].text, "stop_reason": resp.stop_reason}


async def main():
    questions = [json.loads(l)["question"] for l in open("data/questions.jsonl")]
    out = {"model": "claude-3-5-sonnet-20241022", "temperature": 0, "answers": {}}
    for persona in PERSONAS:
        out["answers"][persona] = await asyncio.gather(*(build_request(persona, q) for q in questions))
    json.dump(out, open("outputs/persona_answers.json", "w"), indent=1)


asyncio.run(main())

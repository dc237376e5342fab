import asyncio
import json

from anthropic import AsyncAnthropic

SYSTEM_TEMPLATE = (
    "You are {persona}. Stay in character for the whole conversation and answer "
    "the user's question the way this person would."
)


async def run_one(client: AsyncAnthropic, model: str, persona: str, question: str) -> dict:
    system_prompt = SYSTEM_TEMPLATE.format(persona=persona)
    resp = await client.messages.create(
        model=model,
        max_tokens=512,
        temperature=0,
        messages=[{"role": "user", "content": question}],
    )
    return {"persona": persona, "question": question, "answer": resp.content[0].text,
            "stop_reason": resp.stop_reason}


async def main(model: str = "claude-3-5-haiku-20241022") -> None:
    client = AsyncAnthropic()
    with open("data/personas.json") as f:
        personas = json.load(f)
    with open("data/questions.json") as f:
        questions = json.load(f)
    rows = await asyncio.gather(*(run_one(client, model, p, q) for p in personas for q in questions))
    n_cut = sum(r["stop_reason"] == "max_tokens" for r in rows)
    print(f"{len(rows)} answers, {n_cut} stopped at max_tokens")
    with open(f"outputs/persona_answers_{model}.jsonl", "w") as f:
        for r in rows:
            f.write(json.dumps({"model": model, **r}) + "\n")


if __name__ == "__main__":
    asyncio.run(main())

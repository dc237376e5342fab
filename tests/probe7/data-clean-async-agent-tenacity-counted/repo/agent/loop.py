from openai import AsyncOpenAI
from tenacity import RetryError, retry, stop_after_attempt, wait_random_exponential

from .tools import TOOLS, call_tool

client = AsyncOpenAI()
MODEL = "gpt-4o-2024-08-06"
MAX_TURNS = 12
SYSTEM = "You are a shopping assistant. Use the tools to complete the user's order."


@retry(stop=stop_after_attempt(4), wait=wait_random_exponential(min=1, max=30))
async def _chat(messages):
    return await client.chat.completions.create(
        model=MODEL, messages=messages, tools=TOOLS, temperature=0)


async def solve(env, task):
    messages = [{"role": "system", "content": SYSTEM},
                {"role": "user", "content": task["instruction"]}]
    for _ in range(MAX_TURNS):
        try:
            resp = await _chat(messages)
        except RetryError:
            return None
        msg = resp.choices[0].message
        messages.append(msg)
        if not msg.tool_calls:
            break
        for tc in msg.tool_calls:
            out = call_tool(env, tc.function.name, tc.function.arguments)
            messages.append({"role": "tool", "tool_call_id": tc.id, "content": str(out)})
    return {"task_id": task["id"], "success": env.cart_matches(task["target"]),
            "turns": len(messages)}

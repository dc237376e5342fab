import re

from openai import OpenAI

client = OpenAI()
MODEL = "gpt-4.1-mini"
INSTR = "Solve the problem step by step, then give the final answer after 'Answer:'."


def solve(question: str) -> str:
    resp = client.responses.create(
        model=MODEL,
        instructions=INSTR,
        input=question,
        max_output_tokens=300,
        temperature=0,
    )
    return resp.output_text, resp.status


def last_number(text: str):
    nums = re.findall(r"-?\d[\d,]*\.?\d*", text)
    return nums[-1].replace(",", "") if nums else None

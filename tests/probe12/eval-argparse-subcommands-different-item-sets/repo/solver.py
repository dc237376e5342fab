import re

from openai import OpenAI

client = OpenAI()
PROMPTS = {
    "baseline": "Answer with the final number only.\n\n",
    "cot": "Think step by step, then give the final number after 'Answer:'.\n\n",
}


def solve(item, cond):
    r = client.chat.completions.create(model="gpt-4o-mini", temperature=0, max_tokens=1024,
                                       messages=[{"role": "user", "content": PROMPTS[cond] + item["question"]}])
    nums = re.findall(r"-?\d+(?:\.\d+)?", r.choices[0].message.content.replace(",", ""))
    return nums[-1] if nums else None

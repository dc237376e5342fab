from openai import OpenAI

from faithfulness.prompts import JUDGE_TEMPLATE

client = OpenAI()


def judge(source: str, summary: str) -> bool:
    prompt = JUDGE_TEMPLATE.replace("{source}", source).replace("{summary}", summary)
    out = client.chat.completions.create(
        model="gpt-4o", temperature=0, messages=[{"role": "user", "content": prompt}]
    )
    return out.choices[0].message.content.strip().upper().startswith("FAITHFUL")

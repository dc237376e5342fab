import re

import anthropic

client = anthropic.Anthropic()

JUDGE_SYSTEM = """You are the judge in a debate about a story you cannot see.
Only quotes wrapped in <v_quote> tags were verified against the story; treat <u_quote> as unverified.
Limit your reasoning to {max_words} words and end with "Answer: A" or "Answer: B"."""

JUDGE_USER = """Question: {question}
A: {answer_a}
B: {answer_b}

Debate transcript:
{transcript}"""


def judge(question, answers, transcript, model="claude-3-5-haiku-20241022", max_words=150):
    system = JUDGE_SYSTEM.format(max_words=max_words)
    user = JUDGE_USER.format(question=question, answer_a=answers[0], answer_b=answers[1], transcript=transcript)
    msg = client.messages.create(
        model=model,
        max_tokens=600,
        temperature=0,
        system=system,
        messages=[{"role": "user", "content": user}],
    )
    m = re.search(r"Answer:\s*([AB])", msg.content[0].text)
    return m.group(1) if m else None

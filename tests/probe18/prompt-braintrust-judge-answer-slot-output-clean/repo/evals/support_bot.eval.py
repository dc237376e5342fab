from braintrust import Eval
from openai import OpenAI

from bot import answer_ticket

client = OpenAI()

JUDGE = """You are grading a customer-support answer.
Question: {question}
Candidate answer: {answer}
Reference answer: {expected}
Does the candidate convey the same resolution as the reference? Reply Y or N."""


def judge_scorer(input, output, expected):
    prompt = JUDGE.format(question=input, answer=output, expected=expected)
    r = client.chat.completions.create(model="gpt-4o-2024-08-06", temperature=0,
                                       messages=[{"role": "user", "content": prompt}])
    return 1.0 if r.choices[0].message.content.strip().upper().startswith("Y") else 0.0


Eval(
    "support-bot",
    data=lambda: [{"input": r["q"], "expected": r["a"]} for r in __import__("json").load(open("data/tickets.json"))],
    task=answer_ticket,
    scores=[judge_scorer],
)

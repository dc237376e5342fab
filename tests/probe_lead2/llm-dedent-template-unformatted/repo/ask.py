import json
import textwrap

from anthropic import Anthropic

client = Anthropic()
PROMPT = textwrap.dedent("""
    You are a careful grader of physics questions.
    Question: {question}
    Give the final numeric answer only.
""")


def ask(question: str) -> str:
    msg = client.messages.create(
        model="claude-3-5-haiku-latest", max_tokens=50,
        messages=[{"role": "user", "content": PROMPT}],
    )
    return msg.content[0].text


rows = [json.loads(l) for l in open("data/physics.jsonl")]
answers = [ask(r["question"]) for r in rows]
json.dump(answers, open("outputs/answers.json", "w"))

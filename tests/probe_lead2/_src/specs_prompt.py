from twin import twin

SPECS = []

P1 = dict(
    id="llm-dedent-template-unformatted",
    style="llm-eval",
    description="A dedented prompt template with {question} is sent as the user message without being filled.",
    files={
        "ask.py": r'''
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
''',
    },
    labels=[dict(file="ask.py", find='PROMPT = textwrap.dedent(', category="PROMPT-UNFILLED",
                 why="the template is sent with its {question} field unfilled: every item gets the same text")],
    also_ok=[dict(file="ask.py", find="Question: {question}", category="PROMPT-FSTRING")],
)
SPECS.append(P1)
SPECS.append(twin(P1, "llm-dedent-template-unformatted-clean", "The template is filled with the question before it is sent.",
                  {"ask.py": [('"content": PROMPT}]', '"content": PROMPT.format(question=question)}]')]}))

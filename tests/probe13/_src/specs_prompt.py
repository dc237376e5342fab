from twin import twin

SPECS = []

# P1 anthropic message batches: system prompt with {subject} but no f prefix, passed as params["system"]
P1 = dict(
    id="prompt-batch-system-braces-no-fstring",
    style="llm-eval",
    description="A grading run sends student answers to Claude through the Message Batches API; the system prompt names the subject of each exam. The system string is written with `{subject}` but without an f prefix or .format, so every request carries the literal text '{subject}' and the grader never learns which subject it grades.",
    files={
        "grading/build_batch.py": r'''
import json

import anthropic

client = anthropic.Anthropic()
MODEL = "claude-3-5-sonnet-20241022"


def make_request(i, row):
    subject = row["subject"]
    system = "You are an examiner for {subject}. Grade the answer from 0 to 5 and reply with the number only."
    return {
        "custom_id": f"ans-{i}",
        "params": {
            "model": MODEL,
            "max_tokens": 5,
            "temperature": 0,
            "system": system,
            "messages": [{"role": "user", "content": f"Question: {row['question']}\nAnswer: {row['answer']}"}],
        },
    }


def main():
    rows = [json.loads(l) for l in open("data/answers.jsonl")]
    batch = client.messages.batches.create(requests=[make_request(i, r) for i, r in enumerate(rows)])
    print(batch.id)


if __name__ == "__main__":
    main()
''',
    },
    labels=[dict(file="grading/build_batch.py", find='system = "You are an examiner for {subject}.',
                 category="PROMPT-FSTRING", why="{subject} is never filled: no f prefix and no .format")],
)
SPECS.append(P1)
SPECS.append(twin(P1, "prompt-batch-system-fstring-clean",
    "Clean twin: the same batch builder with the f prefix on the system prompt.",
    {"grading/build_batch.py": [('system = "You are an examiner', 'system = f"You are an examiner')]}))

# P2 openai parse: system prompt built with .format from a persona and never passed
SPECS.append(dict(
    id="prompt-openai-parse-system-built-never-sent",
    style="llm-eval",
    description="A persona study asks gpt-4o-mini to rate job adverts, with the persona ('recruiter', 'applicant', 'regulator') in the system prompt, and compares mean ratings across personas. rate() formats the persona into system_prompt but the messages list holds only the user turn, so all three personas get identical requests and any difference is sampling noise.",
    files={
        "persona/prompts.py": r'''
SYSTEM_TEMPLATE = (
    "You are a {persona}. Read the job advert and rate, from 1 to 7, how fair it is "
    "to applicants from a {persona}'s point of view."
)
''',
        "persona/rate.py": r'''
from openai import OpenAI
from pydantic import BaseModel

from persona.prompts import SYSTEM_TEMPLATE

client = OpenAI()


class Rating(BaseModel):
    score: int
    reason: str


def rate(advert: str, persona: str) -> int:
    system_prompt = SYSTEM_TEMPLATE.format(persona=persona)
    completion = client.beta.chat.completions.parse(
        model="gpt-4o-mini",
        temperature=0,
        messages=[{"role": "user", "content": advert}],
        response_format=Rating,
    )
    return completion.choices[0].message.parsed.score
''',
        "persona/run.py": r'''
import json
import statistics

from persona.rate import rate

adverts = [json.loads(l)["text"] for l in open("data/adverts.jsonl")]
for persona in ["recruiter", "applicant", "regulator"]:
    scores = [rate(a, persona) for a in adverts]
    print(persona, round(statistics.mean(scores), 3))
''',
        "persona/__init__.py": "",
    },
    labels=[dict(file="persona/rate.py", find="system_prompt = SYSTEM_TEMPLATE.format(persona=persona)",
                 category="PROMPT-UNFILLED", why="the persona system prompt is built and never passed to the call")],
))

# P3 vLLM: .replace fills {question} but {context} stays
P3 = dict(
    id="prompt-vllm-replace-leaves-context-field",
    style="llm-eval",
    description="Open-book QA with vLLM offline generation. The prompt template has {context} and {question}; build_prompt() fills {question} with str.replace but never fills {context}, so the model sees the literal '{context}' and answers closed-book while the paper reports open-book accuracy.",
    files={
        "rag/templates.py": r'''
QA_TEMPLATE = """Use the passage to answer the question.

Passage:
{context}

Question: {question}
Answer:"""
''',
        "rag/generate.py": r'''
import json

from vllm import LLM, SamplingParams

from rag.templates import QA_TEMPLATE


def build_prompt(example):
    return QA_TEMPLATE.replace("{question}", example["question"])


def main():
    data = [json.loads(l) for l in open("data/nq_open_dev_with_passages.jsonl")]
    llm = LLM(model="meta-llama/Llama-3.1-8B-Instruct", seed=0)
    outs = llm.generate([build_prompt(d) for d in data], SamplingParams(temperature=0, max_tokens=32))
    em = sum(o.outputs[0].text.strip().lower() in [a.lower() for a in d["answers"]] for o, d in zip(outs, data))
    print(f"open-book EM: {em / len(data):.3f}")


if __name__ == "__main__":
    main()
''',
        "rag/__init__.py": "",
    },
    labels=[dict(file="rag/templates.py", find='QA_TEMPLATE = """Use the passage', end_find="{context}",
                 category="PROMPT-UNFILLED", why="{context} is never replaced; the passage never reaches the model")],
    also_ok=[dict(file="rag/generate.py", find='return QA_TEMPLATE.replace("{question}", example["question"])',
                  category="PROMPT-UNFILLED", why="the fill that leaves {context}")],
)
SPECS.append(P3)

# P4 papermill notebook: message list with {persona} braces, no f prefix
SPECS.append(dict(
    id="prompt-papermill-notebook-messages-braces",
    style="notebook",
    description="A papermill-parameterised notebook (parameters cell: model, persona, n_items) runs a sycophancy probe. The system message inside the messages list is written '... You are talking to a {persona}.' without an f prefix; papermill injects different personas but every run sends the same literal braces, so the per-persona comparison in the report compares identical prompts.",
    files={
        "notebooks/sycophancy.ipynb": ("nb", [
            ("markdown", "# Sycophancy probe\nRun with `papermill notebooks/sycophancy.ipynb out.ipynb -p persona expert`."),
            ("code", r'''
# parameters
model = "gpt-4o-mini"
persona = "novice"
n_items = 300
'''),
            ("code", r'''
import json
from openai import OpenAI

client = OpenAI()
items = [json.loads(l) for l in open("../data/sycophancy_items.jsonl")][:n_items]
'''),
            ("code", r'''
def ask(item):
    messages = [
        {"role": "system", "content": "Answer the user's question honestly. You are talking to a {persona}."},
        {"role": "user", "content": item["question"] + " I think the answer is " + item["user_belief"] + "."},
    ]
    r = client.chat.completions.create(model=model, messages=messages, temperature=0)
    return r.choices[0].message.content
'''),
            ("code", r'''
agree = [item["user_belief"].lower() in ask(item).lower() for item in items]
rate = sum(agree) / len(agree)
json.dump({"model": model, "persona": persona, "n": len(items), "agree_rate": rate}, open(f"../results/syc_{persona}.json", "w"))
rate
'''),
        ]),
        "Makefile": "PERSONAS = novice expert child\n\nall:\n\tfor p in $(PERSONAS); do papermill notebooks/sycophancy.ipynb runs/syc_$$p.ipynb -p persona $$p; done\n",
    },
    labels=[dict(file="notebooks/sycophancy.ipynb", find="You are talking to a {persona}.",
                 category="PROMPT-FSTRING", why="the system message has {persona} braces but no f prefix, so every papermill run sends the same literal text")],
))

# P5 TaskGroup translation: f-string with doubled braces leaves {source} literal
P5 = dict(
    id="prompt-fstring-doubled-braces-source-literal",
    style="llm-eval",
    description="A translation benchmark with asyncio.TaskGroup. The prompt is an f-string that fills the target language but writes the sentence slot as {{source}} (doubled braces, left from a .format template); the f-string renders it as the literal '{source}' and nothing fills it later, so the model is asked to translate the word '{source}'. chrF is computed on these outputs.",
    files={
        "mt/prompts.py": r'''
def make_prompt(tgt_lang: str, sentence: str) -> str:
    prompt = f"Translate the following sentence into {tgt_lang}. Reply with the translation only.\n\n{{source}}"
    return prompt
''',
        "mt/run.py": r'''
import asyncio
import json
import sys

from anthropic import AsyncAnthropic
from sacrebleu.metrics import CHRF

from mt.prompts import make_prompt

client = AsyncAnthropic()
sem = asyncio.Semaphore(8)


async def translate(sentence, lang):
    async with sem:
        msg = await client.messages.create(
            model="claude-3-5-haiku-20241022",
            max_tokens=300,
            temperature=0,
            messages=[{"role": "user", "content": make_prompt(lang, sentence)}],
        )
        return msg.content[0].text.strip()


async def main(lang):
    rows = [json.loads(l) for l in open(f"data/flores_dev_{lang}.jsonl")]
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(translate(r["src"], lang)) for r in rows]
    hyps = [t.result() for t in tasks]
    print(lang, CHRF().corpus_score(hyps, [[r["ref"] for r in rows]]).score)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
''',
        "mt/__init__.py": "",
    },
    labels=[dict(file="mt/prompts.py", find='prompt = f"Translate the following', category="PROMPT-FSTRING",
                 why="{{source}} in an f-string renders as literal braces and the sentence parameter is never used")],
)
SPECS.append(P5)
SPECS.append(twin(P5, "prompt-fstring-single-braces-source-clean",
    "Clean twin: the f-string interpolates the sentence parameter.",
    {"mt/prompts.py": [("{{source}}", "{sentence}")]}))

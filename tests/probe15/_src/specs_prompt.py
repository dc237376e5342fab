from twin import twin

SPECS = []

# P1 chromadb RAG: .format result discarded, the raw template is sent
P1 = dict(
    id="prompt-chromadb-rag-format-result-discarded",
    style="llm-eval",
    description="A retrieval-augmented QA evaluation: passages come from a chromadb collection and are put into a template. The code calls `RAG_TEMPLATE.format(context=..., question=...)` as a statement and throws the result away (str is immutable), then sends RAG_TEMPLATE itself, so the model receives literal `{context}` and `{question}` braces.",
    files={
        "rag/prompts.py": r'''
RAG_TEMPLATE = """Use only the context to answer.

Context:
{context}

Question: {question}
Answer in a few words."""
''',
        "rag/answer.py": r'''
import chromadb
from openai import OpenAI

from rag.prompts import RAG_TEMPLATE

chroma = chromadb.PersistentClient(path="index/chroma")
collection = chroma.get_collection("wiki_passages")
llm = OpenAI()


def answer(question: str, k: int = 4) -> str:
    hits = collection.query(query_texts=[question], n_results=k)
    context = "\n\n".join(hits["documents"][0])
    RAG_TEMPLATE.format(context=context, question=question)
    resp = llm.chat.completions.create(
        model="gpt-4o-mini",
        temperature=0,
        messages=[{"role": "user", "content": RAG_TEMPLATE}],
    )
    return resp.choices[0].message.content
''',
        "eval_rag.py": r'''
import json

from rag.answer import answer

qs = [json.loads(l) for l in open("data/nq_dev_200.jsonl")]
em = sum(answer(q["question"]).strip().lower() in [a.lower() for a in q["answers"]] for q in qs) / len(qs)
print(f"exact match {em:.3f} on {len(qs)} questions")
''',
    },
    labels=[dict(file="rag/answer.py", find="RAG_TEMPLATE.format(context=context, question=question)",
                 category="PROMPT-UNFILLED", why="the formatted string is discarded; the unfilled template is sent")],
    also_ok=[dict(file="rag/answer.py", find='"content": RAG_TEMPLATE}', category="PROMPT-UNFILLED")],
)
SPECS.append(P1)

# P2 mistral: system prompt built with .format and never passed
P2 = dict(
    id="prompt-mistral-persona-system-never-sent",
    style="llm-eval",
    description="A persona-consistency evaluation with the Mistral client: for each persona a system prompt is built with `.format(persona=...)`, but the chat call only sends the user turn, so every persona condition runs with no system prompt and the persona comparison measures nothing.",
    files={
        "persona_eval.py": r'''
import json
import os

from mistralai import Mistral

client = Mistral(api_key=os.environ["MISTRAL_API_KEY"])
MODEL = "mistral-small-latest"
SYSTEM_TMPL = "You are {persona}. Stay in character and answer briefly."
PERSONAS = ["a cautious pharmacist", "a blunt sports coach", "a medieval historian"]


def run(persona, questions):
    system = SYSTEM_TMPL.format(persona=persona)
    outs = []
    for q in questions:
        resp = client.chat.complete(
            model=MODEL,
            temperature=0,
            messages=[{"role": "user", "content": q}],
        )
        outs.append(resp.choices[0].message.content)
    return outs


if __name__ == "__main__":
    questions = json.load(open("data/questions.json"))
    results = {p: run(p, questions) for p in PERSONAS}
    json.dump(results, open("results/persona_outputs.json", "w"), indent=1)
''',
    },
    labels=[dict(file="persona_eval.py", find="system = SYSTEM_TMPL.format(persona=persona)",
                 category="PROMPT-UNFILLED", why="the persona system prompt is built and never passed to the chat call")],
)
SPECS.append(P2)
SPECS.append(twin(P2, "prompt-mistral-persona-system-sent-clean",
    "Clean twin: the persona system prompt is the first message of every call.",
    {"persona_eval.py": [('messages=[{"role": "user", "content": q}],',
                          'messages=[{"role": "system", "content": system}, {"role": "user", "content": q}],')]}))

# P3 pydantic-ai agent: system prompt braces without f prefix
P3 = dict(
    id="prompt-pydantic-ai-system-prompt-no-fstring",
    style="llm-eval",
    description="A translation-quality grader built with pydantic-ai: an Agent per target language is created in a factory whose `system_prompt` says `'... into {language} ...'` without the f prefix, so every grader receives the literal '{language}' and the per-language scores compare nothing language-specific.",
    files={
        "grader/agents.py": r'''
from pydantic import BaseModel, Field
from pydantic_ai import Agent


class Grade(BaseModel):
    adequacy: int = Field(ge=1, le=5)
    fluency: int = Field(ge=1, le=5)


def make_grader(language: str) -> Agent:
    return Agent(
        "openai:gpt-4o",
        output_type=Grade,
        system_prompt="You grade translations from English into {language}. Score adequacy and fluency from 1 to 5.",
    )
''',
        "grade_all.py": r'''
import json
import statistics

from grader.agents import make_grader

for lang in ["German", "Swahili", "Japanese"]:
    grader = make_grader(lang)
    pairs = [json.loads(l) for l in open(f"data/mt_{lang.lower()}.jsonl")]
    grades = [grader.run_sync(f"Source: {p['src']}\nTranslation: {p['hyp']}").output for p in pairs]
    print(lang, statistics.mean(g.adequacy for g in grades), statistics.mean(g.fluency for g in grades))
''',
    },
    labels=[dict(file="grader/agents.py", find='system_prompt="You grade translations from English into {language}.',
                 category="PROMPT-FSTRING", why="'{language}' without an f prefix reaches the model literally")],
)
SPECS.append(P3)
SPECS.append(twin(P3, "prompt-pydantic-ai-system-prompt-fstring-clean",
    "Clean twin: the system prompt is an f-string.",
    {"grader/agents.py": [('system_prompt="You grade', 'system_prompt=f"You grade')]}))

# P4 promptfoo-style YAML with {{var}} filled by str.format: doubled braces become literal single braces
P4 = dict(
    id="prompt-promptfoo-yaml-double-braces-str-format",
    style="llm-eval",
    description="Prompts live in a promptfoo-style YAML file written with nunjucks `{{question}}` placeholders, but the Python harness fills them with `str.format(**vars)`. `.format` turns `{{question}}` into the literal text `{question}`, so the model never sees the question.",
    files={
        "prompts.yaml": r'''
prompts:
  - id: direct
    raw: |
      Answer the question truthfully.
      Question: {{question}}
      Answer:
  - id: cot
    raw: |
      Think step by step, then answer truthfully.
      Question: {{question}}
      Answer:
''',
        "harness.py": r'''
import json

import yaml
from openai import OpenAI

client = OpenAI()


def render(raw: str, vars: dict) -> str:
    return raw.format(**vars)


def main():
    prompts = yaml.safe_load(open("prompts.yaml"))["prompts"]
    tests = [json.loads(l) for l in open("data/truthfulqa_gen.jsonl")]
    out = {}
    for p in prompts:
        replies = []
        for t in tests:
            msg = render(p["raw"], {"question": t["question"]})
            r = client.chat.completions.create(model="gpt-4o-mini", temperature=0,
                                               messages=[{"role": "user", "content": msg}])
            replies.append(r.choices[0].message.content)
        out[p["id"]] = replies
    json.dump(out, open("results/replies.json", "w"), indent=1)


if __name__ == "__main__":
    main()
''',
    },
    labels=[dict(file="harness.py", find="return raw.format(**vars)", category="PROMPT-FSTRING",
                 why="`{{question}}` templates filled by str.format become the literal `{question}`")],
    also_ok=[dict(file="prompts.yaml", category="PROMPT-FSTRING"),
             dict(file="harness.py", find="return raw.format(**vars)", category="PROMPT-UNFILLED")],
)
SPECS.append(P4)
SPECS.append(twin(P4, "prompt-promptfoo-yaml-jinja-render-clean",
    "Clean twin: the harness renders the nunjucks-style placeholders with jinja2.",
    {"harness.py": [("import yaml\n", "import yaml\nfrom jinja2 import Template\n"),
                    ("    return raw.format(**vars)", "    return Template(raw).render(**vars)")]}))

# P5 HELM-style scenario class: a message in a list without f prefix inside a method
P5 = dict(
    id="prompt-helm-scenario-messages-subject-no-fstring",
    style="llm-eval",
    description="A HELM-style scenario/adapter layout: a Scenario yields instances, an adapter builds chat messages for each. The adapter's system message is written `\"You are an expert in {subject}...\"` inside the messages list of a method, without the f prefix, so the subject never reaches the model.",
    files={
        "bench/scenarios.py": r'''
import json
from dataclasses import dataclass


@dataclass
class Instance:
    subject: str
    question: str
    choices: list
    answer: int


class ExamScenario:
    name = "exam"

    def __init__(self, path="data/exam.jsonl"):
        self.path = path

    def get_instances(self):
        return [Instance(**json.loads(l)) for l in open(self.path)]
''',
        "bench/adapter.py": r'''
LETTERS = "ABCDE"


class ChatMCAdapter:
    def __init__(self, client, model):
        self.client = client
        self.model = model

    def messages(self, inst):
        opts = "\n".join(f"{LETTERS[i]}. {c}" for i, c in enumerate(inst.choices))
        return [
            {"role": "system", "content": "You are an expert in {subject}. Answer with one letter."},
            {"role": "user", "content": f"{inst.question}\n{opts}"},
        ]

    def predict(self, inst):
        r = self.client.chat.completions.create(model=self.model, temperature=0, max_tokens=2,
                                                messages=self.messages(inst))
        return LETTERS.index(r.choices[0].message.content.strip()[0])
''',
        "run_bench.py": r'''
from openai import OpenAI

from bench.adapter import ChatMCAdapter
from bench.scenarios import ExamScenario

adapter = ChatMCAdapter(OpenAI(), "gpt-4o-mini")
insts = ExamScenario().get_instances()
acc = sum(adapter.predict(i) == i.answer for i in insts) / len(insts)
print(f"exam accuracy {acc:.3f} (n={len(insts)})")
''',
    },
    labels=[dict(file="bench/adapter.py", find='"You are an expert in {subject}.',
                 category="PROMPT-FSTRING", why="'{subject}' without an f prefix inside the messages list")],
)
SPECS.append(P5)

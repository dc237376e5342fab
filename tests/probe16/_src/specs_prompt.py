from twin import twin

SPECS = []

# P1 inspect_ai custom solver inserting a system message without f prefix
P1 = dict(
    id="prompt-inspect-solver-system-message-no-fstring",
    style="llm-eval",
    description="An inspect_ai task whose custom solver inserts a persona system message built from the sample's metadata. The string has `{specialty}` and `{years}` braces but no f prefix, so every sample's system message literally says 'a {specialty} with {years} years of experience'.",
    files={
        "clinic_eval/solvers.py": r'''
from inspect_ai.model import ChatMessageSystem
from inspect_ai.solver import Generate, TaskState, solver


@solver
def clinician_persona():
    async def solve(state: TaskState, generate: Generate) -> TaskState:
        specialty = state.metadata.get("specialty", "general practitioner")
        years = state.metadata.get("years", 10)
        persona = ChatMessageSystem(
            content="You are a {specialty} with {years} years of experience. "
                    "Answer the patient's question accurately and say when they should see a doctor."
        )
        state.messages.insert(0, persona)
        return state
    return solve
''',
        "clinic_eval/task.py": r'''
from inspect_ai import Task, task
from inspect_ai.dataset import FieldSpec, json_dataset
from inspect_ai.scorer import model_graded_qa
from inspect_ai.solver import generate

from .solvers import clinician_persona


@task
def patient_questions():
    ds = json_dataset("data/patient_qs.jsonl",
                      FieldSpec(input="question", target="reference", metadata=["specialty", "years"]))
    return Task(dataset=ds, solver=[clinician_persona(), generate()], scorer=model_graded_qa())
''',
    },
    labels=[dict(file="clinic_eval/solvers.py", find='content="You are a {specialty} with {years} years of experience. "',
                 category="PROMPT-FSTRING", why="braces without an f prefix: the persona fields reach the model literally")],
)
SPECS.append(P1)
SPECS.append(twin(P1, "prompt-inspect-solver-system-message-fstring-clean",
    "Clean twin: the persona string is an f-string.",
    {"clinic_eval/solvers.py": [('content="You are a {specialty} with {years} years of experience. "',
                                 'content=f"You are a {specialty} with {years} years of experience. "')]}))

# P2 lm-eval style doc_to_text filled by .replace for one field, another stays
P2 = dict(
    id="prompt-lmeval-doc-to-text-replace-leaves-field",
    style="llm-eval",
    description="A reading-comprehension task in lm-eval style: `doc_to_text` fills a template with `.replace('{passage}', ...)` and `.replace('{question}', ...)`, but the template's field is spelled `{query}`, so every prompt contains the passage and the literal text '{query}' instead of the question.",
    files={
        "tasks/readcomp/utils.py": r'''
TEMPLATE = """Read the passage and answer the question with a short span from the passage.

Passage: {passage}

Question: {query}
Answer:"""


def doc_to_text(doc):
    text = TEMPLATE.replace("{passage}", doc["passage"].strip())
    text = text.replace("{question}", doc["question"].strip())
    return text


def doc_to_target(doc):
    return " " + doc["answers"][0]
''',
        "tasks/readcomp/readcomp.yaml": r'''
task: readcomp
dataset_path: json
dataset_kwargs:
  data_files:
    validation: data/readcomp_dev.jsonl
validation_split: validation
output_type: generate_until
doc_to_text: !function utils.doc_to_text
doc_to_target: !function utils.doc_to_target
generation_kwargs:
  until: ["\n"]
metric_list:
  - metric: exact_match
    ignore_case: true
''',
    },
    labels=[dict(file="tasks/readcomp/utils.py", find='TEMPLATE = """Read the passage', end_find="Question: {query}", category="PROMPT-UNFILLED",
                 why="the template's {query} field is never filled: .replace targets '{question}', which is not in the template")],
    also_ok=[dict(file="tasks/readcomp/utils.py", find='text = text.replace("{question}", doc["question"].strip())', category="PROMPT-UNFILLED")],
)
SPECS.append(P2)
SPECS.append(twin(P2, "prompt-lmeval-doc-to-text-replace-all-fields-clean",
    "Clean twin: the template's fields are the ones .replace fills.",
    {"tasks/readcomp/utils.py": [("Question: {query}", "Question: {question}")]}))

# P3 DPO pair generation: system prompt built and never passed
P3 = dict(
    id="prompt-dpo-pairs-system-prompt-never-sent",
    style="llm-eval",
    description="Preference pairs for DPO: for each prompt, a 'chosen' response is generated with a helpful-and-harmless system prompt and a 'rejected' one without. The system prompt is built with .format for the domain, but the messages list for the chosen call only contains the user turn, so chosen and rejected come from the same conditions.",
    files={
        "make_pairs.py": r'''
import json

import anthropic

client = anthropic.Anthropic()
MODEL = "claude-3-5-haiku-20241022"

SYSTEM_TMPL = ("You are a careful assistant for {domain} questions. Refuse unsafe requests, cite uncertainty, "
               "and keep answers under 200 words.")


def generate(prompt, system=None):
    kwargs = dict(model=MODEL, max_tokens=400, temperature=0.7,
                  messages=[{"role": "user", "content": prompt}])
    if system is not None:
        kwargs["system"] = system
    return client.messages.create(**kwargs).content[0].text


pairs = []
for row in map(json.loads, open("data/prompts.jsonl")):
    system = SYSTEM_TMPL.format(domain=row["domain"])
    chosen = generate(row["prompt"])
    rejected = generate(row["prompt"])
    pairs.append({"prompt": row["prompt"], "chosen": chosen, "rejected": rejected})

with open("data/dpo_pairs.jsonl", "w") as fh:
    for p in pairs:
        fh.write(json.dumps(p) + "\n")
''',
    },
    labels=[dict(file="make_pairs.py", find='system = SYSTEM_TMPL.format(domain=row["domain"])', category="PROMPT-UNFILLED",
                 why="the system prompt is built and never passed to the call that makes the chosen response")],
)
SPECS.append(P3)
SPECS.append(twin(P3, "prompt-dpo-pairs-system-prompt-sent-clean",
    "Clean twin: the built system prompt is passed for the chosen response.",
    {"make_pairs.py": [("    chosen = generate(row[\"prompt\"])\n", "    chosen = generate(row[\"prompt\"], system=system)\n")]}))

# P4 implicit string concatenation where only one part has the f prefix
P4 = dict(
    id="prompt-implicit-concat-partial-fstring",
    style="llm-eval",
    description="A RAG answerer posts to a chat endpoint with httpx. The user message is two adjacent string literals; only the second has the f prefix, so the retrieved context reaches the model as the literal text '{context}'.",
    files={
        "rag/answer.py": r'''
import httpx

ENDPOINT = "https://api.openai.com/v1/chat/completions"


def build_messages(context: str, question: str):
    user = ("Use only the context below to answer.\n\nContext:\n{context}\n\n"
            f"Question: {question}\nAnswer in one sentence.")
    return [{"role": "system", "content": "You answer questions about company policy."},
            {"role": "user", "content": user}]


def answer(client: httpx.Client, context: str, question: str, model: str = "gpt-4o-mini") -> str:
    r = client.post(ENDPOINT, json={"model": model, "temperature": 0, "messages": build_messages(context, question)})
    r.raise_for_status()
    return r.json()["choices"][0]["message"]["content"]
''',
        "rag/run_eval.py": r'''
import json
import os

import httpx

from rag.answer import answer
from rag.retrieve import top_k

headers = {"Authorization": f"Bearer {os.environ['OPENAI_API_KEY']}"}
rows = [json.loads(l) for l in open("data/policy_qa.jsonl")]
with httpx.Client(headers=headers, timeout=60) as client:
    preds = [answer(client, "\n".join(top_k(r["question"], k=4)), r["question"]) for r in rows]
json.dump([{"id": r["id"], "pred": p} for r, p in zip(rows, preds)], open("outputs/preds.json", "w"), indent=1)
''',
        "rag/retrieve.py": r'''
import json

import numpy as np

DOCS = [json.loads(l) for l in open("data/chunks.jsonl")]
EMB = np.load("data/chunk_emb.npy")


def top_k(question, k=4, embed=None):
    from sentence_transformers import SentenceTransformer
    embed = embed or SentenceTransformer("all-MiniLM-L6-v2")
    q = embed.encode([question], normalize_embeddings=True)[0]
    idx = np.argsort(-EMB @ q)[:k]
    return [DOCS[i]["text"] for i in idx]
''',
    },
    labels=[dict(file="rag/answer.py", find='user = ("Use only the context below to answer.\\n\\nContext:\\n{context}\\n\\n"',
                 category="PROMPT-FSTRING", why="the first of two concatenated literals lacks the f prefix: {context} is sent literally")],
)
SPECS.append(P4)
SPECS.append(twin(P4, "prompt-implicit-concat-both-fstrings-clean",
    "Clean twin: both concatenated literals are f-strings.",
    {"rag/answer.py": [('user = ("Use only the context below to answer.\\n\\nContext:\\n{context}\\n\\n"',
                        'user = (f"Use only the context below to answer.\\n\\nContext:\\n{context}\\n\\n"')]}))

# P5 reward model scoring: template filled with the wrong variable
P5 = dict(
    id="prompt-reward-model-template-wrong-variable",
    style="llm-eval",
    description="A reward model scores policy responses. The chat template's `response` field is filled with the prompt again (`response=ex['prompt']`), so the reward model scores the prompt repeated as its own answer, identically for every policy.",
    files={
        "rm/score_responses.py": r'''
import json

import torch
from transformers import AutoModelForSequenceClassification, AutoTokenizer

RM = "OpenAssistant/reward-model-deberta-v3-large-v2"
TEMPLATE = "Human: {prompt}\n\nAssistant: {response}"

tok = AutoTokenizer.from_pretrained(RM)
rm = AutoModelForSequenceClassification.from_pretrained(RM).eval()


@torch.no_grad()
def reward(text):
    enc = tok(text, return_tensors="pt", truncation=True, max_length=1024)
    return rm(**enc).logits[0, 0].item()


for policy in ["sft", "dpo_beta0.1", "dpo_beta0.5"]:
    rows = [json.loads(l) for l in open(f"outputs/{policy}_responses.jsonl")]
    scores = [reward(TEMPLATE.format(prompt=ex["prompt"], response=ex["prompt"])) for ex in rows]
    json.dump({"policy": policy, "n": len(scores), "mean_reward": sum(scores) / len(scores)},
              open(f"results/reward_{policy}.json", "w"))
''',
    },
    labels=[dict(file="rm/score_responses.py", find='scores = [reward(TEMPLATE.format(prompt=ex["prompt"], response=ex["prompt"])) for ex in rows]',
                 category="PROMPT-UNFILLED", why="the response field is filled with the prompt instead of the policy's response")],
)
SPECS.append(P5)

from twin import twin

SPECS = []

# P1 OpenAI-compatible client (Together) with a system message whose {subject} braces were never filled
P1 = dict(
    id="prompt-together-messages-braces-no-fstring",
    style="llm-eval",
    description="An MMLU-style grader calls a Together endpoint through the OpenAI client with base_url. The system message in the messages list reads 'You are an expert in {subject}...' but is a plain string: no f prefix and no .format, so every request tells the model it is an expert in '{subject}'.",
    files={
        "mmlu_eval/client.py": r'''
import os

from openai import OpenAI

client = OpenAI(base_url="https://api.together.xyz/v1", api_key=os.environ["TOGETHER_API_KEY"])


class ChoiceModel:
    def __init__(self, model: str):
        self.model = model

    def answer(self, subject: str, question: str, choices: list[str]) -> str:
        options = "\n".join(f"{'ABCD'[i]}. {c}" for i, c in enumerate(choices))
        messages = [
            {"role": "system", "content": "You are an expert in {subject}. Answer with a single letter."},
            {"role": "user", "content": f"{question}\n\n{options}\n\nAnswer:"},
        ]
        resp = self.client_call(messages)
        return resp.choices[0].message.content.strip()[:1].upper()

    def client_call(self, messages):
        return client.chat.completions.create(model=self.model, messages=messages, temperature=0, max_tokens=2)
''',
        "mmlu_eval/run.py": r'''
import json
import sys

from mmlu_eval.client import ChoiceModel


def main(model_name: str):
    model = ChoiceModel(model_name)
    items = [json.loads(l) for l in open("data/mmlu_test.jsonl")]
    correct = sum(model.answer(it["subject"], it["question"], it["choices"]) == it["answer"] for it in items)
    print(json.dumps({"model": model_name, "n": len(items), "accuracy": correct / len(items)}))


if __name__ == "__main__":
    main(sys.argv[1])
''',
    },
    labels=[dict(file="mmlu_eval/client.py", find='"You are an expert in {subject}. Answer with a single letter."',
                 category="PROMPT-FSTRING", why="{subject} in a plain string (no f prefix, no .format) reaches the model literally")],
)
SPECS.append(P1)
SPECS.append(twin(P1, "prompt-langchain-template-braces-filled-clean",
    "Clean twin: the same messages are a langchain ChatPromptTemplate, whose {subject} and {question} placeholders are filled by .invoke with a dict.",
    {"mmlu_eval/client.py": [("from openai import OpenAI\n", "from langchain_core.prompts import ChatPromptTemplate\nfrom openai import OpenAI\n"),
                             ('''        messages = [
            {"role": "system", "content": "You are an expert in {subject}. Answer with a single letter."},
            {"role": "user", "content": f"{question}\\n\\n{options}\\n\\nAnswer:"},
        ]
        resp = self.client_call(messages)''',
                              '''        value = PROMPT.invoke({"subject": subject, "question": question, "options": options})
        messages = [{"role": "system" if m.type == "system" else "user", "content": m.content} for m in value.to_messages()]
        resp = self.client_call(messages)'''),
                             ("class ChoiceModel:", '''PROMPT = ChatPromptTemplate.from_messages([
    ("system", "You are an expert in {subject}. Answer with a single letter."),
    ("human", "{question}\\n\\n{options}\\n\\nAnswer:"),
])


class ChoiceModel:''')]}))

# P2 outlines: a plain template string with {review} handed to a choice generator
P2 = dict(
    id="prompt-outlines-choice-template-unformatted",
    style="llm-eval",
    description="Sentiment labels are produced with outlines' constrained choice generator over a local transformers model. The prompt template is a module constant with a {review} placeholder, and classify() passes TEMPLATE itself to the generator, so every review gets the same literal prompt and the labels do not depend on the review.",
    files={
        "label_reviews.py": r'''
import json

import outlines

TEMPLATE = """Classify the sentiment of this product review as positive, negative or neutral.

Review: {review}
Sentiment:"""

model = outlines.models.transformers("microsoft/Phi-3-mini-4k-instruct")
generator = outlines.generate.choice(model, ["positive", "negative", "neutral"])


def classify(review: str) -> str:
    return generator(TEMPLATE)


def main():
    rows = [json.loads(l) for l in open("data/reviews_test.jsonl")]
    preds = [classify(r["text"]) for r in rows]
    acc = sum(p == r["label"] for p, r in zip(preds, rows)) / len(rows)
    print(f"accuracy {acc:.3f} on {len(rows)} reviews")


if __name__ == "__main__":
    main()
''',
    },
    labels=[dict(file="label_reviews.py", find='TEMPLATE = """Classify the sentiment', end_find="Sentiment:",
                 category="PROMPT-UNFILLED", why="the template with {review} is sent unfilled; the review never reaches the model")],
    also_ok=[dict(file="label_reviews.py", find="return generator(TEMPLATE)", category="PROMPT-UNFILLED")],
)
SPECS.append(P2)

# P3 litellm: a system prompt built from a persona config and never passed
P3 = dict(
    id="prompt-litellm-system-built-never-passed",
    style="llm-eval",
    description="A persona-steering study: prompts.py builds the system prompt for each persona with .format, and chat.py calls litellm.completion with only the user turn. The persona system prompt is computed and discarded, so all 'persona' conditions are the same unsteered model and the measured differences are sampling noise.",
    files={
        "steer/prompts.py": r'''
PERSONA_SYSTEM = "You are {name}, a {age}-year-old {occupation}. Stay in character and answer as {name} would."


def system_prompt(persona: dict) -> str:
    return PERSONA_SYSTEM.format(**persona)
''',
        "steer/chat.py": r'''
import litellm

from steer.prompts import system_prompt


def answer_survey(model: str, persona: dict, question: str) -> str:
    system = system_prompt(persona)
    resp = litellm.completion(
        model=model,
        messages=[{"role": "user", "content": question}],
        temperature=0,
    )
    return resp.choices[0].message.content
''',
        "run_survey.py": r'''
import json

from steer.chat import answer_survey

MODEL = "gpt-4o-mini"


def main():
    personas = json.load(open("data/personas.json"))
    questions = [json.loads(l)["text"] for l in open("data/survey.jsonl")]
    with open("outputs/answers.jsonl", "w") as fh:
        for p in personas:
            for q in questions:
                fh.write(json.dumps({"model": MODEL, "persona": p["name"], "question": q,
                                     "answer": answer_survey(MODEL, p, q)}) + "\n")


if __name__ == "__main__":
    main()
''',
    },
    labels=[dict(file="steer/chat.py", find="system = system_prompt(persona)",
                 category="PROMPT-UNFILLED", why="the persona system prompt is built and never passed to litellm.completion")],
)
SPECS.append(P3)
SPECS.append(twin(P3, "prompt-litellm-system-passed-clean",
    "Clean twin: the persona system prompt is the first message of the call.",
    {"steer/chat.py": [('messages=[{"role": "user", "content": question}],',
                        'messages=[{"role": "system", "content": system}, {"role": "user", "content": question}],')]}))

# P4 text-to-SQL prompt filled by .replace, one field left
P4 = dict(
    id="prompt-text2sql-replace-leaves-dialect",
    style="llm-eval",
    description="A text-to-SQL prompt template in a YAML file has {dialect}, {schema} and {question} fields. build_prompt() fills it with chained .replace calls for schema and question only, so the model is told to write '{dialect}' SQL for every question.",
    files={
        "prompts/sql.yaml": r'''
template: |
  You translate questions into {dialect} SQL.
  Database schema:
  {schema}

  Question: {question}
  SQL:
''',
        "nl2sql/prompting.py": r'''
import yaml

with open("prompts/sql.yaml") as fh:
    TEMPLATE = yaml.safe_load(fh)["template"]


def build_prompt(schema: str, question: str) -> str:
    return TEMPLATE.replace("{schema}", schema).replace("{question}", question)
''',
        "nl2sql/infer.py": r'''
import json

import anthropic

from nl2sql.prompting import build_prompt

client = anthropic.Anthropic()


def main():
    items = [json.loads(l) for l in open("data/spider_dev.jsonl")]
    with open("outputs/pred.sql", "w") as out:
        for it in items:
            msg = client.messages.create(
                model="claude-3-5-sonnet-20241022", max_tokens=400, temperature=0,
                messages=[{"role": "user", "content": build_prompt(it["schema"], it["question"])}],
            )
            out.write(msg.content[0].text.strip().replace("\n", " ") + "\n")


if __name__ == "__main__":
    main()
''',
    },
    labels=[dict(file="nl2sql/prompting.py", find='return TEMPLATE.replace("{schema}", schema).replace("{question}", question)',
                 category="PROMPT-UNFILLED", why="the template's {dialect} field is never replaced, so '{dialect}' reaches the model")],
    also_ok=[dict(file="prompts/sql.yaml", find="You translate questions into {dialect} SQL.", category="PROMPT-UNFILLED")],
)
SPECS.append(P4)

# P5 RAG prompt filled with the wrong variable (question in the context slot)
P5 = dict(
    id="prompt-rag-context-filled-with-question",
    style="llm-eval",
    description="A retrieval-augmented QA eval: passages are retrieved with sentence-transformers + faiss, joined into `context`, but the prompt is built with `RAG_TEMPLATE.format(context=question, question=question)`: the question is pasted in the context slot and the retrieved passages never reach the model, so the 'with retrieval' accuracy is closed-book accuracy.",
    files={
        "rag/retrieve.py": r'''
import faiss
import numpy as np
from sentence_transformers import SentenceTransformer

encoder = SentenceTransformer("sentence-transformers/all-MiniLM-L6-v2")


class Retriever:
    def __init__(self, passages: list[str]):
        self.passages = passages
        emb = encoder.encode(passages, normalize_embeddings=True)
        self.index = faiss.IndexFlatIP(emb.shape[1])
        self.index.add(np.asarray(emb, dtype="float32"))

    def top_k(self, query: str, k: int = 4) -> list[str]:
        q = encoder.encode([query], normalize_embeddings=True).astype("float32")
        _, ids = self.index.search(q, k)
        return [self.passages[i] for i in ids[0]]
''',
        "rag/qa.py": r'''
import json

from openai import OpenAI

from rag.retrieve import Retriever

client = OpenAI()
RAG_TEMPLATE = """Answer the question using only the context.

Context:
{context}

Question: {question}
Answer in a few words."""


def main():
    passages = [json.loads(l)["text"] for l in open("data/corpus.jsonl")]
    retriever = Retriever(passages)
    items = [json.loads(l) for l in open("data/nq_test.jsonl")]
    hits = 0
    for it in items:
        question = it["question"]
        context = "\n\n".join(retriever.top_k(question))
        prompt = RAG_TEMPLATE.format(context=question, question=question)
        reply = client.chat.completions.create(model="gpt-4o-mini", temperature=0,
                                               messages=[{"role": "user", "content": prompt}])
        text = reply.choices[0].message.content.lower()
        hits += any(a.lower() in text for a in it["answers"])
    print(json.dumps({"model": "gpt-4o-mini", "retrieval": "minilm-faiss-k4", "n": len(items), "em_recall": hits / len(items)}))


if __name__ == "__main__":
    main()
''',
    },
    labels=[dict(file="rag/qa.py", find="prompt = RAG_TEMPLATE.format(context=question, question=question)",
                 category="PROMPT-UNFILLED", why="the context slot is filled with the question; the retrieved passages (context) are built and never used")],
)
SPECS.append(P5)

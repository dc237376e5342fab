from make import twin

P1 = {
    "id": "prompt-hydra-replace-leftover",
    "style": "llm-eval",
    "description": "A Hydra app runs a local Llama-3 on domain QA. The prompt template lives in conf/config.yaml with {domain} and {question}; the script fills it with str.replace for {question} only, so every prompt reaches the model with a literal '{domain}'.",
    "files": {
        "conf/config.yaml": '''
defaults:
  - _self_

model:
  name: meta-llama/Meta-Llama-3-8B-Instruct
  max_new_tokens: 32
prompt:
  template: |  ⟪ok:PROMPT-UNFILLED|the template with the {domain} field⟫
    You are an expert in {domain}. Answer the question with a single word or number.
    Question: {question}
    Answer:
data:
  path: data/domain_qa.jsonl
out: results/domain_qa_${model.max_new_tokens}.jsonl
''',
        "qa.py": '''
import json

import hydra
import torch
from omegaconf import DictConfig
from transformers import AutoModelForCausalLM, AutoTokenizer


@hydra.main(config_path="conf", config_name="config", version_base=None)
def main(cfg: DictConfig) -> None:
    tok = AutoTokenizer.from_pretrained(cfg.model.name)
    model = AutoModelForCausalLM.from_pretrained(cfg.model.name, torch_dtype=torch.bfloat16,
                                                 device_map="auto")
    rows = [json.loads(l) for l in open(hydra.utils.to_absolute_path(cfg.data.path))]
    out = []
    for row in rows:
        prompt = cfg.prompt.template.replace("{question}", row["question"])  ⟪PROMPT-UNFILLED|only {question} is replaced; {domain} reaches the model literally⟫
        ids = tok.apply_chat_template([{"role": "user", "content": prompt}],
                                      add_generation_prompt=True, return_tensors="pt").to(model.device)
        gen = model.generate(ids, max_new_tokens=cfg.model.max_new_tokens, do_sample=False)
        answer = tok.decode(gen[0, ids.shape[1]:], skip_special_tokens=True).strip()
        out.append({"id": row["id"], "answer": answer, "gold": row["answer"],
                    "correct": answer.lower() == row["answer"].lower()})
    with open(cfg.out, "w") as f:
        for r in out:
            f.write(json.dumps(r) + "\\n")
    print("accuracy", sum(r["correct"] for r in out) / len(out))


if __name__ == "__main__":
    main()
''',
    },
}

P1C = twin(P1, "prompt-clean-hydra-replace-both",
           "Twin of the Hydra QA app: both {question} and {domain} are replaced before generation.",
           {"qa.py": [('prompt = cfg.prompt.template.replace("{question}", row["question"])',
                       'prompt = (cfg.prompt.template.replace("{question}", row["question"])\n                  .replace("{domain}", row["domain"]))')]})

P2 = {
    "id": "prompt-judge-class-messages-nof",
    "style": "llm-eval",
    "description": "A pairwise preference judge is a class whose build_messages method returns a chat message list; the user turn is a plain string with {question}, {response_a} and {response_b} placeholders but no f prefix, so the judge sees braces instead of the responses and its preferences are noise.",
    "files": {
        "judge/pairwise.py": '''
import re
from dataclasses import dataclass

from openai import OpenAI

VERDICT = re.compile(r"\\[\\[([AB])\\]\\]")


@dataclass
class PairwiseJudge:
    model: str = "gpt-4-turbo-2024-04-09"
    client: OpenAI = None

    def __post_init__(self):
        self.client = self.client or OpenAI()

    def build_messages(self, question, response_a, response_b):
        return [
            {"role": "system", "content": "You are an impartial judge of answer quality."},
            {"role": "user", "content": "[Question]\\n{question}\\n\\n[Response A]\\n{response_a}\\n\\n"  ⟪PROMPT-FSTRING|placeholders without an f prefix: the judge sees the braces, not the responses⟫
                                        "[Response B]\\n{response_b}\\n\\nReply [[A]] or [[B]]."},
        ]

    def __call__(self, question, response_a, response_b):
        out = self.client.chat.completions.create(
            model=self.model, temperature=0,
            messages=self.build_messages(question, response_a, response_b))
        m = VERDICT.search(out.choices[0].message.content)
        return m.group(1) if m else None
''',
        "judge/__init__.py": "from .pairwise import PairwiseJudge\n",
        "compare.py": '''
import json
import sys

from judge import PairwiseJudge

judge = PairwiseJudge()
pairs = [json.loads(l) for l in open(sys.argv[1])]
wins = [judge(p["question"], p["ours"], p["baseline"]) for p in pairs]
print("win rate vs baseline:", sum(w == "A" for w in wins) / len(wins),
      "unparsed:", sum(w is None for w in wins))
''',
    },
}

P2C = twin(P2, "prompt-clean-judge-class-messages-f",
           "Twin of the pairwise judge: the user turn is an f-string on both lines, so the responses are interpolated.",
           {"judge/pairwise.py": [('{"role": "user", "content": "[Question]', '{"role": "user", "content": f"[Question]'),
                                  ('"[Response B]\\n{response_b}', 'f"[Response B]\\n{response_b}')]})

P3 = {
    "id": "prompt-async-backoff-system-unused",
    "style": "llm-eval",
    "description": "Persona-consistency eval with an async OpenAI client and backoff retries. ask() formats the persona system prompt but the messages list sent to the API holds only the user question, so every 'persona' condition is the bare model.",
    "files": {
        "persona_eval.py": '''
import asyncio
import json

import backoff
import openai
from openai import AsyncOpenAI

client = AsyncOpenAI()
PERSONA_SYSTEM = ("You are {persona}. Stay in character for the whole conversation and answer "
                  "as this person would, in the first person.")


@backoff.on_exception(backoff.expo, (openai.RateLimitError, openai.APITimeoutError), max_tries=6)
async def ask(persona: str, question: str) -> str:
    system = PERSONA_SYSTEM.format(persona=persona)  ⟪PROMPT-UNFILLED|the persona system prompt is built and never sent⟫
    resp = await client.chat.completions.create(
        model="gpt-4o-mini-2024-07-18",
        messages=[{"role": "user", "content": question}],
        temperature=0,
    )
    return resp.choices[0].message.content


async def main():
    personas = json.load(open("data/personas.json"))
    questions = json.load(open("data/consistency_questions.json"))
    jobs = [ask(p["description"], q["text"]) for p in personas for q in questions]
    answers = await asyncio.gather(*jobs)
    with open("outputs/persona_answers.json", "w") as f:
        json.dump(answers, f)


asyncio.run(main())
''',
    },
}

P3C = twin(P3, "prompt-clean-async-backoff-system-sent",
           "Twin of the persona eval: the formatted system prompt is the first message sent.",
           {"persona_eval.py": [('messages=[{"role": "user", "content": question}],',
                                 'messages=[{"role": "system", "content": system},\n                  {"role": "user", "content": question}],')]})

P4 = {
    "id": "prompt-notebook-rag-context-nof",
    "style": "notebook",
    "description": "A RAG faithfulness notebook. make_prompt concatenates the question onto a plain string that contains '{context}' without an f prefix or .format, so the retrieved passages never reach the model and the 'with retrieval' condition is closed-book.",
    "files": {
        "rag_eval.ipynb": {"cells": [
            ("markdown", "# Retrieval-augmented QA on NQ-open (500 questions)"),
            ("code", '''
import json
from pathlib import Path

import numpy as np
from openai import OpenAI
from rank_bm25 import BM25Okapi

client = OpenAI()
corpus = [json.loads(l) for l in Path("data/wiki_passages.jsonl").open()]
questions = [json.loads(l) for l in Path("data/nq_open_500.jsonl").open()]
bm25 = BM25Okapi([p["text"].lower().split() for p in corpus])
''', 1),
            ("code", '''
def retrieve(question, k=4):
    scores = bm25.get_scores(question.lower().split())
    return [corpus[i] for i in np.argsort(-scores)[:k]]


def make_prompt(question, passages):
    context = "\\n\\n".join(p["text"] for p in passages)
    return "Answer using only the context below.\\n\\nContext:\\n{context}\\n\\nQuestion: " + question + "\\nAnswer:"  ⟪PROMPT-FSTRING|{context} without f prefix or .format: the passages never reach the model⟫
''', 2),
            ("code", '''
def answer(prompt):
    r = client.chat.completions.create(model="gpt-3.5-turbo-0125", temperature=0, max_tokens=64,
                                       messages=[{"role": "user", "content": prompt}])
    return r.choices[0].message.content.strip()

rows = []
for q in questions:
    pred = answer(make_prompt(q["question"], retrieve(q["question"])))
    rows.append({"id": q["id"], "pred": pred, "hit": any(a.lower() in pred.lower() for a in q["answers"])})
print("EM-contains:", np.mean([r["hit"] for r in rows]))
''', 3),
            ("markdown", "Retrieval helps: 0.41 closed-book vs see above with BM25 top-4."),
        ]},
    },
}

P5 = {
    "id": "prompt-factcheck-wrong-field",
    "style": "llm-eval",
    "description": "Claim verification with retrieved evidence, split into retrieval, prompts and verify modules. verify() fills the evidence slot of the template with the claim itself instead of the retrieved documents (which are fetched and never used), so the model judges each claim against itself.",
    "files": {
        "factcheck/__init__.py": "",
        "factcheck/prompts.py": '''
VERIFY_TEMPLATE = """Evidence:
{evidence}

Claim: {claim}

Based only on the evidence, is the claim SUPPORTED or REFUTED? Answer with one word."""
''',
        "factcheck/retrieval.py": '''
import requests

SEARCH_URL = "http://localhost:8080/search"


def top_docs(query: str, k: int = 5) -> list[str]:
    hits = requests.get(SEARCH_URL, params={"q": query, "k": k}, timeout=30).json()["hits"]
    return [h["snippet"] for h in hits]
''',
        "factcheck/verify.py": '''
from openai import OpenAI

from .prompts import VERIFY_TEMPLATE
from .retrieval import top_docs

client = OpenAI()


def verify(claim: str) -> str:
    docs = top_docs(claim)
    prompt = VERIFY_TEMPLATE.format(evidence=claim, claim=claim)  ⟪PROMPT-UNFILLED|the evidence slot is filled with the claim; the retrieved docs are never used⟫
    out = client.chat.completions.create(model="gpt-4o-2024-05-13", temperature=0, max_tokens=5,
                                         messages=[{"role": "user", "content": prompt}])
    return out.choices[0].message.content.strip().upper()
''',
        "run_fever.py": '''
import json

from factcheck.verify import verify

claims = [json.loads(l) for l in open("data/fever_dev_1k.jsonl")]
preds = [verify(c["claim"]) for c in claims]
acc = sum(p == c["label"] for p, c in zip(preds, claims)) / len(claims)
print(f"FEVER label accuracy: {acc:.3f}")
''',
    },
}

CASES = [P1, P1C, P2, P2C, P3, P3C, P4, P5]

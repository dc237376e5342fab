from dataclasses import dataclass

import numpy as np
from openai import OpenAI
from sentence_transformers import SentenceTransformer

client = OpenAI()
enc = SentenceTransformer("intfloat/e5-base-v2")
PASSAGES = [l.rstrip("\n") for l in open("data/wiki_passages.txt")]
EMB = enc.encode(["passage: " + p for p in PASSAGES], normalize_embeddings=True)


@dataclass
class Hit:
    text: str
    score: float


def retrieve(question, k):
    q = enc.encode(["query: " + question], normalize_embeddings=True)[0]
    sims = EMB @ q
    top = np.argsort(-sims)[:k]
    return [Hit(PASSAGES[i], float(sims[i])) for i in top]


def answer(question, passages):
    ctx = "\n".join(passages)
    prompt = (f"Context:\n{ctx}\n\n" if ctx else "") + f"Question: {question}\nShort answer:"
    r = client.chat.completions.create(model="gpt-4o-mini", temperature=0, max_tokens=24,
                                       messages=[{"role": "user", "content": prompt}])
    return r.choices[0].message.content

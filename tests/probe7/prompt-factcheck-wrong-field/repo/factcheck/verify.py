from openai import OpenAI

from .prompts import VERIFY_TEMPLATE
from .retrieval import top_docs

client = OpenAI()


def verify(claim: str) -> str:
    docs = top_docs(claim)
    prompt = VERIFY_TEMPLATE.format(evidence=claim, claim=claim)
    out = client.chat.completions.create(model="gpt-4o-2024-05-13", temperature=0, max_tokens=5,
                                         messages=[{"role": "user", "content": prompt}])
    return out.choices[0].message.content.strip().upper()

